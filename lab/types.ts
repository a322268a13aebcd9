/**
 * The CORS lab's scenario model: plain data, shared by the server (which answers from it), the
 * page (which runs it) and the tests (which assert on it). Served as JSON at `/scenarios.json`.
 *
 * Header values may contain placeholders, expanded by the server per request:
 * - `{origin}`  the request's `Origin` header as received (`null` after a tainting redirect);
 *               the page origin when the request carried none (e.g. a same-origin GET).
 * - `{page}`    the lab's page origin (`http://localhost:<pagePort>`), whatever Origin said.
 * - `{run}`     the run id of this request (for per-run cookie names).
 * - `{scenario}` the scenario id.
 * Everything else is sent byte for byte, duplicates and case preserved.
 */

/** Where a request goes, relative to the page origin `http://localhost:<pagePort>`. */
export type TargetKind =
  /** the page server itself: `http://localhost:<pagePort>` */
  | 'same-origin'
  /** the API as `http://localhost:<apiPort>`: cross-origin, same-site */
  | 'same-site'
  /** the API as `http://127.0.0.1:<apiPort>`: cross-origin, cross-site */
  | 'cross-site'
  /** the second API port as `http://localhost:<apiAltPort>`: another same-site origin (redirect targets) */
  | 'same-site-alt'
  /** the second API port as `http://127.0.0.1:<apiAltPort>`: another cross-site origin */
  | 'cross-site-alt';

export type HeaderLine = readonly [name: string, value: string];

/** A 3xx answer: the server adds `Location` pointing at the next hop of the same step. */
export interface RedirectSpec {
  /** Origin of the next hop. */
  readonly to: TargetKind;
  /** Put `user:pass@` into the Location URL. */
  readonly userinfo?: string;
}

export interface ResponseSpec {
  readonly status: number;
  /** Raw header lines, in order; duplicates allowed. Placeholders expanded (see top of file). */
  readonly headers?: readonly HeaderLine[];
  /**
   * Body: `echo` (default) sends a small JSON describing what the server received (method, cookie,
   * origin); `gif` a 1×1 GIF, `css` a stylesheet, `font` a TrueType font and `script` a script
   * (each what its step kind loads: `bodyFor` in scenario-kit.ts); `{ text }` is sent as text/plain.
   */
  readonly body?: 'echo' | ResourceBody | { readonly text: string };
  /** Makes this a redirect to the next hop (status should be 3xx). */
  readonly redirect?: RedirectSpec;
  /**
   * Close the connection without answering (a network error, e.g. net::ERR_EMPTY_RESPONSE).
   * `status`/`headers` are then only what the wire log records as intended.
   */
  readonly abort?: boolean;
}

/** One URL of a step's redirect chain: how the server answers OPTIONS and everything else there. */
export interface Hop {
  /** Answer to an OPTIONS preflight at this URL. Absent: 404 with no CORS headers. */
  readonly preflight?: ResponseSpec;
  /** Answer to the actual request at this URL. */
  readonly actual: ResponseSpec;
}

/** A body that decodes as what an element loads (see `ResponseSpec.body`). */
export type ResourceBody = 'gif' | 'css' | 'font' | 'script';

/**
 * How the page makes the request. The element kinds (`img`, `stylesheet`, `script`, `module`)
 * take their `crossorigin` attribute from the step: `use-credentials` when `credentials` is
 * `include`, none at all when `mode` is `no-cors` (a plain element: no CORS, an opaque response),
 * else `anonymous`. Fonts are always requested in mode `cors` with credentials `same-origin`
 * (https://drafts.csswg.org/css-fonts-4/#font-fetching-requirements): neither field applies.
 * ok = the element's `load` event (the font's `loaded` status); a CORS failure is only its
 * `error` event (a rejected `FontFace.load()`): nothing the page can catch says why.
 */
export type StepKind =
  /** `fetch(url, init)` */
  | 'fetch'
  /** `XMLHttpRequest` (`withCredentials` = `credentials === 'include'`) */
  | 'xhr'
  /** `<img crossorigin=…>` */
  | 'img'
  /** `<link rel=stylesheet crossorigin=…>` */
  | 'stylesheet'
  /** `new FontFace(family, 'url(…)').load()` */
  | 'font-face'
  /** an `@font-face` rule in a `<style>`, loaded by `document.fonts.load()` */
  | 'font-css'
  /** a classic `<script crossorigin=…>` */
  | 'script'
  /** `<script type=module crossorigin=…>` (a module script is always mode `cors`) */
  | 'module';

/** Chromium's and Firefox's expected reaction: documentation and a lab self-check only. */
export interface StepHypothesis {
  /** Does the page get a readable response? */
  readonly ok: boolean;
  /** Firefox's expectation when it differs from `ok`. */
  readonly firefoxOk?: boolean;
  /** CDP `Network.loadingFailed.corsErrorStatus.corsError`, or absent when none is expected. */
  readonly chromium?: string;
  /** `corsErrorStatus.failedParameter`, when it matters. */
  readonly failedParameter?: string;
  /** Firefox console reason key (security.properties), when one is expected. */
  readonly firefox?: string;
  /** Whether an OPTIONS for this step reaches the API: `sent`, `cached` (needed but not sent), `none`. */
  readonly preflight?: 'sent' | 'cached' | 'none';
  /** Firefox's expectation when it differs from `preflight`. */
  readonly firefoxPreflight?: 'sent' | 'cached' | 'none';
  /** Free text: why, or what differs between browsers. */
  readonly note?: string;
}

export interface Step {
  readonly kind?: StepKind;
  /** Origin of the first URL. */
  readonly target: TargetKind;
  readonly method?: string;
  /** Request headers set by the page (fetch `headers` / XHR `setRequestHeader`), in order. */
  readonly headers?: readonly HeaderLine[];
  /**
   * How a fetch step hands `headers` to fetch(): `pairs` (default) as an array of `[name, value]`
   * in the init, `headers-object` appended one by one to a `Headers`. They differ only for a name
   * given twice: Firefox 153 judges init pairs one by one and sends only the first Content-Type.
   */
  readonly headersInit?: 'pairs' | 'headers-object';
  readonly body?: string;
  readonly credentials?: 'omit' | 'same-origin' | 'include';
  readonly mode?: 'cors' | 'no-cors' | 'same-origin';
  readonly redirect?: 'follow' | 'error' | 'manual';
  /** fetch `targetAddressSpace` (Chromium Local Network Access), e.g. `local` to a loopback URL. */
  readonly targetAddressSpace?: 'local' | 'loopback' | 'public';
  /**
   * Reuse the URL (and so the hops) of an earlier step of this scenario, for preflight-cache
   * scenarios. The server answers from that step's hops.
   */
  readonly sameUrlAs?: number;
  /** Wait this long before the step (preflight-cache expiry scenarios only). */
  readonly delayMs?: number;
  /** The redirect chain; a single hop when there is no redirect. Ignored with `sameUrlAs`. */
  readonly hops: readonly Hop[];
  /** xhr steps: attach an `upload.onprogress` listener before send (forces a preflight). */
  readonly uploadListener?: boolean;
  /** Response header names the page should try to read (Access-Control-Expose-Headers scenarios). */
  readonly readHeaders?: readonly string[];
  /**
   * Run this one step from the lab's cross-site iframe (`http://127.0.0.1:<pagePort>/frame.html`
   * inside the page), so the request's site for cookies is cross-site even to the page's own
   * site (cookie lessons: a `SameSite=Lax` cookie of `localhost` withheld from an embedded widget).
   * The frame's targets are the page's (`same-site` is still `http://localhost:<apiPort>`).
   */
  readonly frame?: 'cross-site';
  readonly hypothesis?: StepHypothesis;
}

/**
 * A browser configuration a scenario needs, beyond a plain browser opening the lab page (see
 * lab/browser-setup.ts for the exact Chromium flags). Without it the scenario simply passes.
 * - `page-public`: Chromium treats the page server's address as `public`
 *   (`--ip-address-space-overrides`), so fetches to the loopback API are Local Network Access.
 * - `page-public-insecure`: as above, and the page is opened as `http://lab.test:<pagePort>`
 *   (`--host-resolver-rules`), which is not a secure context.
 */
export type BrowserSetup = 'page-public' | 'page-public-insecure';

export type Category =
  | 'basics'
  | 'allow-origin'
  | 'credentials'
  | 'preflight'
  | 'preflight-cache'
  | 'safelist'
  | 'redirects'
  | 'modes'
  | 'response-headers'
  | 'cookies'
  | 'other-apis'
  | 'resources'
  | 'local-network';

export interface Scenario {
  /** kebab-case, unique; appears in URLs as `/s/<id>/<step>/<hop>`. */
  readonly id: string;
  readonly title: string;
  /** One or two sentences for users. */
  readonly teaches: string;
  readonly category: Category;
  readonly steps: readonly Step[];
  /** Takes seconds on purpose (cache expiry). */
  readonly slow?: boolean;
  /** Only shows its lesson in a specially started Chromium (Local Network Access). */
  readonly browserSetup?: BrowserSetup;
  /**
   * Run the steps from an iframe of `/frame.html` instead of the page: `sandboxed`
   * (`sandbox="allow-scripts"`) has an opaque origin, so its requests carry `Origin: null`, as
   * from a sandboxed widget, a srcdoc frame or a `data:`/`file:` page. Steps should target
   * cross-origin URLs (everything is cross-origin to an opaque origin).
   */
  readonly frame?: 'sandboxed';
}

/** What the page reports per step. */
export interface StepResult {
  step: number;
  url: string;
  ok: boolean;
  status?: number;
  error?: string;
  /** fetch `Response.type` (`basic`, `cors`, `opaque`, `opaqueredirect`), when a response came back. */
  type?: string;
  /** Final URL after redirects (`Response.url`), when readable. */
  finalUrl?: string;
  /** Values of the step's `readHeaders`, `null` when not readable. */
  readHeaders?: Record<string, string | null>;
  /** The response body text, when readable (the server's echo JSON by default). */
  body?: string;
  /** Page clock (`Date.now()`) when the step was issued and when its result was known. */
  startedAt?: number;
  endedAt?: number;
}

/** The echo body the server sends by default. */
export interface EchoBody {
  scenario: string;
  step: number;
  hop: number;
  method: string;
  origin: string | null;
  cookie: string | null;
}
