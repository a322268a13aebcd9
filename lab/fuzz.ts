/**
 * Random scenarios for differential testing: the lesson table (scenarios.ts) covers the cases we
 * thought of; this generator covers combinations nobody wrote down. Each scenario is plain lab
 * data (types.ts), served by a lab started with `startLab({ scenarios })` and run by the page like
 * any lesson, so the real browser judges it and the evaluator must agree.
 *
 * Deterministic: the same seed gives the same table. Most draws stay close to the rules' edges
 * (a method missing from Allow-Methods, ACAO with a trailing slash, `True` for `true`, a
 * Content-Type just outside the safelist) instead of being uniformly random noise.
 *
 * No `hypothesis`: nobody predicted these, the browser's verdict is the only answer.
 */
import { BODY_OF, H, hop, isElementKind, redirectTo, res } from './scenario-kit.ts';
import { setCookieFirst } from './scenarios.ts';
import type { HeaderLine, Hop, ResponseSpec, Scenario, Step, StepKind, TargetKind } from './types.ts';

/** mulberry32: small, fast, and good enough to spread test cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T> = readonly (readonly [weight: number, value: T])[];

class Draw {
  constructor(private readonly random: () => number) {}

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(table: Weighted<T>): T {
    const total = table.reduce((sum, [w]) => sum + w, 0);
    let at = this.random() * total;
    for (const [w, value] of table) {
      at -= w;
      if (at < 0) return value;
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new RangeError('empty table');
    return last[1];
  }

  /** Up to `max` distinct items, each kept with probability `p`, in a shuffled order. */
  some<T>(items: readonly T[], p: number, max: number): T[] {
    const kept = items.filter(() => this.chance(p));
    for (let i = kept.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [kept[i], kept[j]] = [kept[j] as T, kept[i] as T];
    }
    return kept.slice(0, max);
  }
}

const METHODS: Weighted<string> = [
  [30, 'GET'], [6, 'HEAD'], [20, 'POST'], [14, 'PUT'], [8, 'DELETE'], [8, 'PATCH'], [4, 'patch'], [3, 'post'], [2, 'PROPFIND'],
];

/** Page-set request headers, near the safelist's edges. */
const REQUEST_HEADERS: Weighted<HeaderLine> = [
  [6, ['Content-Type', 'text/plain']],
  [3, ['Content-Type', 'text/plain;charset=UTF-8']],
  [6, ['Content-Type', 'application/json']],
  [2, ['Content-Type', 'application/json; charset=utf-8']],
  [3, ['Content-Type', 'application/x-www-form-urlencoded']],
  [2, ['Content-Type', 'multipart/form-data; boundary=fuzz']],
  [2, ['Content-Type', 'text/html']],
  [1, ['Content-Type', 'text/plain; x="a(b"']],
  [4, ['X-Custom', 'v']],
  [3, ['X-Requested-With', 'XMLHttpRequest']],
  [3, ['Authorization', 'Bearer t0k3n']],
  [3, ['Accept', 'application/json']],
  [1, ['Accept', `application/json;q=0.9, ${'a'.repeat(120)}/*`]],
  [2, ['Accept-Language', 'fr-CH, fr;q=0.9']],
  [2, ['Content-Language', 'en-US']],
  [1, ['Content-Language', 'en"US']],
  [2, ['Range', 'bytes=0-10']],
  [1, ['Range', 'bytes=0-1,5-6']],
  [2, ['Cache-Control', 'no-cache']],
];

const ALLOW_ORIGIN: Weighted<readonly HeaderLine[]> = [
  [18, []],
  [34, [H.acaoOrigin]],
  [18, [H.acaoStar]],
  [5, [H.acaoPage]],
  [4, [H.acao('http://example.com')]],
  [3, [H.acao('{origin}/')]],
  [4, [H.acaoNull]],
  [2, [H.acao('HTTP://LOCALHOST')]],
  [3, [H.acaoOrigin, H.acaoOrigin]],
  [2, [H.acao('{origin}, {origin}')]],
  [2, [H.acao(' {origin} ')]],
  [1, [H.acao('')]],
];

const ALLOW_CREDENTIALS: Weighted<readonly HeaderLine[]> = [
  [45, []],
  [38, [H.acacTrue]],
  [5, [H.acac('True')]],
  [5, [H.acac('false')]],
  [3, [H.acacTrue, H.acacTrue]],
  [2, [H.acac(' true')]],
];

const STATUS: Weighted<number> = [[70, 200], [5, 204], [3, 206], [10, 404], [8, 500], [4, 403]];
const PREFLIGHT_STATUS: Weighted<number> = [[58, 204], [26, 200], [5, 404], [4, 500], [3, 403], [2, 302], [2, 299]];

function allowMethods(d: Draw, method: string): readonly HeaderLine[] {
  return d.pick<readonly HeaderLine[]>([
    [24, []],
    [10, [H.acam('*')]],
    [24, [H.acam(method)]],
    [5, [H.acam(method.toLowerCase())]],
    [5, [H.acam(method.toUpperCase())]],
    [18, [H.acam('GET, POST, PUT, DELETE, PATCH')]],
    [8, [H.acam('GET')]],
    [3, [H.acam(`GET ${method}`)]],
    [3, [H.acam('GET'), H.acam(method)]],
  ]);
}

function allowHeaders(d: Draw, names: readonly string[]): readonly HeaderLine[] {
  const listed = names.join(', ');
  return d.pick<readonly HeaderLine[]>([
    [24, []],
    [14, [H.acah('*')]],
    [28, names.length > 0 ? [H.acah(listed)] : []],
    [6, names.length > 0 ? [H.acah(listed.toUpperCase())] : [H.acah('X-Other')]],
    [8, [H.acah('content-type')]],
    [8, [H.acah('x-custom, content-type, authorization')]],
    [4, [H.acah('*, authorization')]],
    [3, names.length > 1 ? names.map((n) => H.acah(n)) : [H.acah(`${listed},,x-other`)]],
    [2, [H.acah('x custom')]],
  ]);
}

function maxAge(d: Draw): readonly HeaderLine[] {
  return d.pick<readonly HeaderLine[]>([[80, []], [8, [H.maxAge('600')]], [4, [H.maxAge('0')]], [4, [H.maxAge('-1')]], [4, [H.maxAge('100000')]]]);
}

/** A response's CORS headers (ACAO, ACAC, sometimes Expose-Headers and Vary). */
function corsHeaders(d: Draw): HeaderLine[] {
  return [
    ...d.pick(ALLOW_ORIGIN),
    ...d.pick(ALLOW_CREDENTIALS),
    ...(d.chance(0.15) ? [H.aceh(d.pick<string>([[1, 'x-fuzz'], [1, '*'], [1, 'content-length, x-fuzz']]))] : []),
    ...(d.chance(0.2) ? [H.varyOrigin] : []),
  ];
}

function preflightAnswer(d: Draw, method: string, headerNames: readonly string[]): ResponseSpec {
  return res(d.pick(PREFLIGHT_STATUS), ...corsHeaders(d), ...allowMethods(d, method), ...allowHeaders(d, headerNames), ...maxAge(d));
}

const REDIRECT_STATUS: Weighted<number> = [[3, 301], [4, 302], [2, 303], [4, 307], [3, 308]];
const REDIRECT_TARGETS: Weighted<TargetKind> = [[3, 'cross-site-alt'], [3, 'same-site-alt'], [2, 'cross-site'], [1, 'same-origin']];

type FuzzRequest = Pick<Step, 'kind' | 'method' | 'headers' | 'body' | 'credentials' | 'mode' | 'redirect'>;

const KINDS: Weighted<StepKind> = [
  [70, 'fetch'], [13, 'xhr'], [5, 'img'], [3, 'stylesheet'], [3, 'font-face'], [2, 'font-css'], [2, 'script'], [2, 'module'],
];

/**
 * An element's request: a GET with no page-set header. Its `crossorigin` attribute is the step's
 * credentials (`use-credentials` for include) or, for mode `no-cors`, absent (a plain element); a
 * font has neither (always cors, credentials same-origin), a module script is always cors.
 */
function elementRequest(d: Draw, kind: StepKind): FuzzRequest {
  if (kind === 'font-face' || kind === 'font-css') return { kind };
  const credentials = d.pick<'same-origin' | 'include'>([[1, 'same-origin'], [1, 'include']]);
  const noCors = kind !== 'module' && d.chance(0.15);
  return { kind, credentials, ...(noCors && { mode: 'no-cors' as const }) };
}

/** The page's side of a step: what it asks for, whatever the server answers. */
function fuzzRequest(d: Draw): FuzzRequest {
  const kind = d.pick(KINDS);
  if (isElementKind(kind)) return elementRequest(d, kind);
  const method = d.pick(METHODS);
  const upper = method.toUpperCase();
  const headers: HeaderLine[] = [];
  const seen = new Set<string>();
  for (const line of d.some(REQUEST_HEADERS.map(([, line]) => line), 0.12, 3)) {
    if (seen.has(line[0])) continue;
    seen.add(line[0]);
    headers.push(line);
  }
  const withBody = upper !== 'GET' && upper !== 'HEAD';
  const credentials = d.pick<'omit' | 'same-origin' | 'include'>([[20, 'omit'], [40, 'same-origin'], [40, 'include']]);
  // no-cors only takes CORS-safelisted methods; the others are a TypeError before any request.
  const noCors = kind === 'fetch' && ['GET', 'HEAD', 'POST'].includes(upper) && d.chance(0.06);
  // Only fetch() can stop at a redirect.
  const redirect = kind === 'fetch' && d.chance(0.05) ? d.pick<'manual' | 'error'>([[1, 'manual'], [1, 'error']]) : undefined;
  return {
    kind,
    method,
    ...(headers.length > 0 && { headers }),
    ...(withBody && { body: 'fuzz' }),
    credentials,
    ...(noCors && { mode: 'no-cors' as const }),
    ...(redirect !== undefined && { redirect }),
  };
}

/** The last hop's answer: sometimes no answer at all (the connection closes: a network error). */
function finalAnswer(d: Draw, kind: StepKind | undefined, method: string): ResponseSpec {
  // An element loads only a 200 that decodes as what it loads (a failed decode is no CORS matter).
  const answer = isElementKind(kind) ? { ...res(200, ...corsHeaders(d)), body: BODY_OF[kind ?? 'fetch'] } : res(d.pick(STATUS), ...corsHeaders(d));
  // Only a GET loses its connection: Firefox 153 took 80-100 s to give up on a PUT whose
  // connection closed unanswered, which would stall the whole run.
  return method.toUpperCase() === 'GET' && d.chance(0.05) ? { ...answer, abort: true } : answer;
}

/** A redirect, sometimes with credentials in its Location (`user:pass@`). */
function redirectAnswer(d: Draw): ResponseSpec {
  const answer = redirectTo(d.pick(REDIRECT_STATUS), d.pick(REDIRECT_TARGETS), ...corsHeaders(d));
  return d.chance(0.06) && answer.redirect !== undefined ? { ...answer, redirect: { ...answer.redirect, userinfo: 'user:pass' } } : answer;
}

/** One generated step: the request, and how every hop of its chain answers. */
function fuzzStep(d: Draw): Step {
  const request = fuzzRequest(d);
  const target = d.pick<TargetKind>([[60, 'cross-site'], [30, 'same-site'], [10, 'same-origin']]);
  const method = request.method ?? 'GET';
  const names = (request.headers ?? []).map(([name]) => name.toLowerCase()).sort();
  const hopCount = d.chance(0.2) ? (d.chance(0.2) ? 3 : 2) : 1;
  const hops: Hop[] = [];
  for (let i = 0; i < hopCount; i++) {
    const last = i === hopCount - 1;
    hops.push(hop(last ? finalAnswer(d, request.kind, method) : redirectAnswer(d), preflightAnswer(d, method, names)));
  }
  return { ...request, target, hops };
}

/**
 * A second request to the same URL right after `main` (the server answers it as it answered
 * `main`): the CORS-preflight cache decides whether it is preflighted again. Often the same
 * request, sometimes another method, other headers or another credentials mode, so a cache entry
 * that covers it, one that does not, and one made for other credentials all come up.
 */
function fuzzRepeat(d: Draw, main: Step, index: number): Step {
  const other = fuzzRequest(d);
  const credentials = d.chance(0.75) ? main.credentials : other.credentials;
  const drawn = d.chance(0.6) ? main.method : other.method;
  // no-cors only takes CORS-safelisted methods (main's is one).
  const method = main.mode === 'no-cors' && !['GET', 'HEAD', 'POST'].includes((drawn ?? 'GET').toUpperCase()) ? main.method : drawn;
  const upper = (method ?? 'GET').toUpperCase();
  const headers = d.chance(0.6) ? main.headers : other.headers;
  return {
    kind: main.kind,
    ...(method !== undefined && { method }),
    ...(headers !== undefined && { headers }),
    ...(upper !== 'GET' && upper !== 'HEAD' && { body: 'fuzz' }),
    ...(credentials !== undefined && { credentials }),
    ...(main.mode && { mode: main.mode }),
    ...(main.redirect && { redirect: main.redirect }),
    target: main.target,
    sameUrlAs: index,
    hops: [],
  };
}

function describeStep(s: Step): string {
  const headers = (s.headers ?? []).map(([n, v]) => `${n}: ${v.length > 24 ? `${v.slice(0, 24)}…` : v}`).join('; ');
  const chain = s.hops.map((h) => `${h.actual.status}`).join('→');
  const redirect = s.redirect === undefined ? '' : ` redirect ${s.redirect}`;
  return `${s.kind ?? 'fetch'} ${s.method ?? 'GET'} ${s.target}${s.mode === 'no-cors' ? ' no-cors' : ''}${redirect} credentials ${s.credentials ?? 'same-origin'}${headers === '' ? '' : ` [${headers}]`} → ${chain}`;
}

/** `count` random scenarios, ids `fuzz-<seed>-<n>`. */
export function fuzzScenarios(seed: number, count: number): Scenario[] {
  const d = new Draw(prng(seed));
  const table: Scenario[] = [];
  for (let i = 0; i < count; i++) {
    const main = fuzzStep(d);
    // Sometimes the API first sets a cookie, so a credentialed request carries one (Firefox; Chromium
    // blocks third-party cookies) and the recording shows the credentials mode.
    const primed = main.credentials === 'include' && main.target !== 'same-origin' && d.chance(0.3);
    const steps: Step[] = primed ? [{ ...setCookieFirst(isElementKind(main.kind) ? 'fetch' : main.kind), target: main.target }, main] : [main];
    // Not for elements: a repeated image, font or module comes from the document's own cache (the
    // image cache, the font and module maps), with no request to judge.
    if (d.chance(0.15) && !isElementKind(main.kind)) steps.push(fuzzRepeat(d, main, steps.length - 1));
    table.push({
      id: `fuzz-${seed}-${i}`,
      title: describeStep(main),
      teaches: `Generated by lab/fuzz.ts (seed ${seed}): a combination nobody wrote down, judged by the browser alone.`,
      category: main.hops.length > 1 ? 'redirects' : 'preflight',
      steps,
    });
  }
  return table;
}
