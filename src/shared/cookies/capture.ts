/**
 * Cookies across a whole capture (a HAR, or the extension's log of a tab): one jar simulated over
 * every exchange in request order, each hop's `Set-Cookie` lines decided and stored, each later
 * request's cookies predicted, and the recorded `Cookie` header taken as the truth of what went.
 *
 * What no recording holds is inferred and labelled:
 * - the credentials mode (never on the wire): known from the recorder, proved by a `Cookie` header
 *   or a navigation, assumed for a same-origin hop, otherwise read from the jar — a stored
 *   cookie that matched and was not sent means no credentials; a `Set-Cookie` of this response
 *   that a later request carried means credentials (`CookieCredentialsEvidence`);
 * - Chromium's third-party-cookie setting (world.ts), both readings when nothing tells;
 * - Firefox's `cookieBehavior`: its default (5, Total Cookie Protection) unless the caller knows.
 */
import { firstGreater } from '../sorted.ts';
import { cookieHeaderOf, holdsCookies, setCookieLinesOf } from './on-the-wire.ts';
import type { BrowserJarFacts, CookieCredentialsEvidence, ObservedExchange, Recorder } from '../model/exchange.ts';
import { getHeader, headerValues } from '../http/headers.ts';
import { originOf, sameOrigin } from '../http/origin.ts';
import { inferCrossSiteAncestor, resolveContext, type CookiePolicy, type CookieRequestContext, type ResolvedContext } from './context.ts';
import { CookieJarSimulation, type CookieExchange, type ExchangeCookies, type RequestCookieRow, type ResponseCookieRow } from './jar.ts';
import { parseCookieHeader } from './parse.ts';
import { decideSend } from './send.ts';
import { nameValue } from './set-cookie.ts';
import { decideStore, type StoredCookie } from './store.ts';
import { inferThirdPartyCookies, type ThirdPartyCookies, type WorldEvidence } from './world.ts';

/** The third-party-cookie setting the rows were decided under, and how it is known. */
export type CookieSetting =
  | {
      readonly browser: 'chromium';
      /** Null: nothing in the recording tells; the rows are under `blocked` (Chromium's default) and `otherReading` under `allowed`. */
      readonly thirdPartyCookies: ThirdPartyCookies | null;
      readonly provenance: 'observed' | 'inferred';
      /** The cookies that told the settings apart, with the exchange whose request showed it. */
      readonly evidence: readonly (WorldEvidence & { readonly exchangeId: string })[];
    }
  | { readonly browser: 'firefox'; readonly cookieBehavior: 0 | 1 | 5; readonly provenance: 'observed' | 'default' };

export interface CaptureCookieOptions {
  /**
   * What the CORS evaluation settled about each exchange's credentials (by id), for exchanges the
   * wire alone leaves open: a second pass after evaluating feeds its answers back.
   */
  readonly credentials?: ReadonlyMap<string, boolean>;
  /** The setting when an API said it (the extension), instead of inferring it. */
  readonly thirdPartyCookies?: ThirdPartyCookies;
  readonly cookieBehavior?: 0 | 1 | 5;
}

/** One exchange's cookies: its final hop's rows, and its credentials evidence. */
export interface CaptureExchangeCookies extends ExchangeCookies {
  readonly credentials: CookieCredentialsEvidence;
  /** When the setting is unknown: the rows under the other setting, if they differ. */
  readonly otherReading: ExchangeCookies | null;
}

export interface CaptureCookies {
  readonly setting: CookieSetting;
  readonly byExchange: ReadonlyMap<string, CaptureExchangeCookies>;
}

type Reading = CookieCredentialsEvidence['reading'];

interface Hop {
  readonly request: CookieRequestContext;
  /** What the browser's jar said after the response (the extension's `cookies` API). */
  readonly browserJar: BrowserJarFacts | undefined;
  /** Undefined when the recording has no reliable request headers (provisional). */
  readonly cookieHeader: string | null | undefined;
  readonly setCookieLines: readonly string[];
}

/** The page an exchange ran under: the recorded top-level URL, else the initiator's origin. */
function topLevelOf(x: ObservedExchange): string {
  if (x.topLevelUrl !== undefined) return x.topLevelUrl;
  const origin = x.initiatorOrigin;
  return origin !== undefined && origin !== 'null' ? `${origin}/` : (x.legs[0]?.request.url ?? '');
}

function hopsOf(x: ObservedExchange, include: (leg: number) => boolean): Hop[] {
  const topLevelUrl = topLevelOf(x);
  return x.legs.map((leg, i) => {
    const { request, response } = leg;
    const at = request.startedAt ?? response?.receivedAt ?? 0;
    const crossSiteAncestor = inferCrossSiteAncestor(request.url, topLevelUrl, getHeader(request.headers, 'sec-fetch-site') ?? undefined);
    return {
      request: { url: request.url, topLevelUrl, crossSiteAncestor, includeCredentials: include(i), at },
      browserJar: leg.browserJar,
      cookieHeader: request.headersProvisional === true ? undefined : cookieHeaderOf(request.headers),
      setCookieLines: setCookieLinesOf(response?.headers ?? []),
    };
  });
}

/** Whether hop `leg` is same-origin with the page that made the request. */
function sameOriginHop(x: ObservedExchange, leg: number): boolean {
  const url = x.legs[leg]?.request.url;
  return url !== undefined && sameOrigin(originOf(url), x.initiatorOrigin ?? originOf(topLevelOf(x)));
}

/**
 * The credentials reading before the jar is looked at, per hop: what the recorder said; a
 * `Cookie` header on a cross-origin hop or a navigation proves `include`; a same-origin hop is
 * taken to include them (the default `same-origin` mode does; `omit` is rare).
 */
function firstReading(x: ObservedExchange, settled: boolean | undefined): (leg: number) => Reading {
  const mode = x.credentialsMode;
  if (mode === 'include') return () => 'include';
  if (mode === 'omit') return () => 'not-include';
  if (mode === 'same-origin') return (leg) => (sameOriginHop(x, leg) ? 'include' : 'not-include');
  const cookieCrossOrigin = x.legs.some((leg, i) => !sameOriginHop(x, i) && headerValues(leg.request.headers, 'cookie').length > 0);
  if (cookieCrossOrigin || x.mode === 'navigate') return () => 'include';
  if (settled !== undefined) return () => (settled ? 'include' : 'not-include');
  return (leg) => (sameOriginHop(x, leg) ? 'include' : 'unknown');
}

const namesIn = (header: string | null | undefined): Set<string> | null =>
  header === undefined ? null : new Set(parseCookieHeader(header ?? '').map((c) => c.name));

/** The capture's exchanges with their hops and first readings, in order. */
interface Planned {
  readonly x: ObservedExchange;
  readonly reading: (leg: number) => Reading;
  readonly hops: readonly Hop[];
}

function plan(exchanges: readonly ObservedExchange[], settled: ReadonlyMap<string, boolean> | undefined): Planned[] {
  return exchanges.map((x) => {
    const reading = firstReading(x, settled?.get(x.id));
    return { x, reading, hops: hopsOf(x, (i) => reading(i) !== 'not-include') };
  });
}

/** A hop whose credentials are known to be included and which carried a `Cookie` header: it can tell whether an earlier cookie was stored. */
interface Witness {
  /** The position of its exchange in the capture. */
  readonly index: number;
  readonly exchangeId: string;
  readonly ctx: ResolvedContext;
  readonly names: ReadonlySet<string>;
}

/**
 * The capture's witnesses (built once per policy: a look-ahead reads only these), each list in
 * capture order: by host, for host-only cookies, and by every domain the host lies under (itself
 * and its parents), for domain cookies. A look-ahead then reads only the requests its cookie's
 * domain can reach, not every later request of the capture.
 */
interface Witnesses {
  readonly byHost: ReadonlyMap<string, readonly Witness[]>;
  readonly byDomain: ReadonlyMap<string, readonly Witness[]>;
}

function witnessesOf(planned: readonly Planned[], policy: CookiePolicy): Witnesses {
  const byHost = new Map<string, Witness[]>();
  const byDomain = new Map<string, Witness[]>();
  const add = (map: Map<string, Witness[]>, key: string, w: Witness): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [w]);
    else list.push(w);
  };
  planned.forEach((p, index) => {
    p.hops.forEach((hop, i) => {
      const names = namesIn(hop.cookieHeader);
      const ctx = names === null || p.reading(i) !== 'include' ? null : resolveContext({ ...hop.request, includeCredentials: true }, policy);
      if (ctx === null || names === null) return;
      const w: Witness = { index, exchangeId: p.x.id, ctx, names };
      add(byHost, ctx.host, w);
      const labels = ctx.host.split('.');
      for (let k = 0; k < labels.length; k++) add(byDomain, labels.slice(k).join('.'), w);
    });
  });
  return { byHost, byDomain };
}

/**
 * Looks ahead for what became of a cookie this exchange (at `index`) would store: a later request
 * whose credentials are known to be included, to which the cookie applies, either carried it
 * (stored: credentials were included here) or did not (not stored: they were not).
 */
function fateOfCookie(cookie: StoredCookie, witnesses: Witnesses, index: number, policy: CookiePolicy): { sent: boolean; exchangeId: string } | null {
  const reach = (cookie.hostOnly ? witnesses.byHost : witnesses.byDomain).get(cookie.domain) ?? [];
  for (let w = firstGreater(reach, (witness) => witness.index, index); w < reach.length; w += 1) {
    const witness = reach[w];
    if (witness === undefined) break;
    const decision = decideSend([cookie], witness.ctx, policy)[0];
    if (decision === undefined) continue;
    if (witness.names.has(cookie.name)) return { sent: true, exchangeId: witness.exchangeId };
    if (decision.sent) return { sent: false, exchangeId: witness.exchangeId };
  }
  return null;
}

/** The jar's evidence on an exchange whose credentials the recording leaves open. */
function resolveUnknown(p: Planned, look: { readonly witnesses: Witnesses; readonly index: number }, jar: CookieJarSimulation, certain: (c: StoredCookie) => boolean, policy: CookiePolicy): CookieCredentialsEvidence['proof'] & object | null {
  for (const [i, hop] of p.hops.entries()) {
    if (p.reading(i) !== 'unknown') continue;
    const names = namesIn(hop.cookieHeader);
    const ctx = resolveContext({ ...hop.request, includeCredentials: true }, policy);
    if (ctx === null) continue;
    const wouldSend = decideSend(jar.candidates(ctx.host), ctx, policy).find((d) => d.sent && certain(d.cookie) && names !== null && !names.has(d.cookie.name));
    if (wouldSend) return { code: 'matching-cookie-not-sent', cookie: wouldSend.cookie.name, setByUrl: wouldSend.cookie.setBy.url, setAt: wouldSend.cookie.setBy.at };
    // the browser's jar holds a line of this response: it was stored, so credentials were included
    const stored = hop.browserJar?.stored.findIndex((s) => s) ?? -1;
    if (stored !== -1) return { code: 'set-cookie-stored', cookie: nameValue(hop.setCookieLines[stored] ?? '').name, seenBy: 'cookies-api', exchangeId: null };
    for (const line of hop.setCookieLines) {
      const d = decideStore(line, ctx, policy);
      if (!d.stored || d.cookie === null) continue;
      const fate = fateOfCookie(d.cookie, look.witnesses, look.index, policy);
      if (fate?.sent === true) return { code: 'set-cookie-stored', cookie: d.cookie.name, seenBy: 'later-request', exchangeId: fate.exchangeId };
      if (fate?.sent === false) return { code: 'matching-cookie-not-sent', cookie: d.cookie.name, setByUrl: hop.request.url, setAt: hop.request.at };
    }
  }
  return null;
}

/** Runs the capture through one jar under `policy`. */
function simulate(planned: readonly Planned[], policy: CookiePolicy): Map<string, CaptureExchangeCookies> {
  const jar = new CookieJarSimulation(policy);
  const setByCapture = new Set(planned.flatMap((p) => p.hops.flatMap((hop) => hop.setCookieLines.map((line) => nameValue(line).name))));
  // cookies stored by a response whose credentials were only assumed prove nothing by their absence
  const uncertain = new WeakSet<StoredCookie['setBy']>();
  const certain = (c: StoredCookie): boolean => !uncertain.has(c.setBy);
  const out = new Map<string, CaptureExchangeCookies>();
  const witnesses = witnessesOf(planned, policy);
  planned.forEach((p, index) => {
    const unknown = p.hops.some((_, i) => p.reading(i) === 'unknown');
    const proof = unknown ? resolveUnknown(p, { witnesses, index }, jar, certain, policy) : null;
    const reading: Reading = proof === null ? (unknown ? 'unknown' : 'include') : proof.code === 'set-cookie-stored' ? 'include' : 'not-include';
    let last: ExchangeCookies = { request: [], response: [] };
    const withheld: { cookie: string; reasons: string[] }[] = [];
    for (const [i, hop] of p.hops.entries()) {
      const first = p.reading(i);
      const include = first === 'unknown' ? reading !== 'not-include' : first === 'include';
      const request = { ...hop.request, includeCredentials: include };
      const rows = withBrowserJar(jar.exchange({ ...hop, request } satisfies CookieExchange), hop.browserJar, request, setByCapture, policy);
      for (const r of rows.request) if (!r.sent) withheld.push({ cookie: r.name, reasons: [...r.blockedReasons, ...r.firefoxReasons] });
      if (first === 'unknown' && reading === 'unknown') {
        const host = resolveContext(request, policy)?.host;
        for (const c of host === undefined ? [] : jar.candidates(host)) if (c.setBy.url === hop.request.url && c.setBy.at === hop.request.at) uncertain.add(c.setBy);
      }
      last = rows;
    }
    const credentials: CookieCredentialsEvidence = { reading: unknown ? reading : p.reading(0), proof, withheld };
    out.set(p.x.id, { ...withCredentialsNote(last, unknown && reading === 'unknown'), credentials, otherReading: null });
  });
  return out;
}

/**
 * The rows with what the browser's jar said (provenance `browser-jar`): whether each `Set-Cookie`
 * line was stored, and a row for each matching cookie it holds that was not sent and that no
 * recorded response set (the simulated jar knows nothing of it), withheld for the reasons the
 * rules give for its attributes. One whose attributes the rules would send gets no row: the
 * rules cannot say why it stayed home.
 */
function withBrowserJar(rows: ExchangeCookies, facts: BrowserJarFacts | undefined, request: CookieRequestContext, setByCapture: ReadonlySet<string>, policy: CookiePolicy): ExchangeCookies {
  if (facts === undefined) return rows;
  const response = rows.response.map((r, i): ResponseCookieRow => {
    const stored = facts.stored[i];
    if (stored === undefined) return r;
    return stored === r.stored ? { ...r, provenance: 'browser-jar' } : { ...r, stored, blockedReasons: stored ? [] : r.blockedReasons, provenance: 'browser-jar' };
  });
  const ctx = resolveContext(request, policy);
  const named = new Set(rows.request.map((r) => r.name));
  const extra = ctx === null ? [] : facts.unsent.flatMap((c): RequestCookieRow[] => {
    if (setByCapture.has(c.name) || named.has(c.name)) return [];
    const partitionKey = c.topLevelSite === null ? null : { topLevelSite: c.topLevelSite, crossSiteAncestor: c.crossSiteAncestor ?? ctx.partitionKey.crossSiteAncestor };
    const cookie: StoredCookie = { ...c, value: '', priority: 'Medium', partitionKey, setBy: { url: '', at: 0, line: '' } };
    const d = decideSend([cookie], ctx, policy)[0];
    if (d === undefined || d.sent) return [];
    return [{ name: c.name, sent: false, blockedReasons: d.blockedReasons, firefoxReasons: d.firefoxReasons, notes: [], provenance: 'browser-jar', setBy: null }];
  });
  return { request: [...rows.request, ...extra], response };
}

/** Rows decided under the include reading of an unknown credentials mode say so. */
function withCredentialsNote(rows: ExchangeCookies, unknown: boolean): ExchangeCookies {
  if (!unknown) return rows;
  return {
    request: rows.request.map((r) => ({ ...r, notes: [...r.notes, 'CredentialsUnknown'] })),
    response: rows.response.map((r) => ({ ...r, notes: [...r.notes, 'CredentialsUnknown'] })),
  };
}

/**
 * Whether two plain-data values (the rows: objects, arrays, strings, numbers, booleans, null) are
 * equal as their JSON would be: keys in the same order, undefined members left out. Stops at the
 * first difference, where serializing both (as before) cost more than the simulation at scale.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Readonly<Record<string, unknown>>;
  const rb = b as Readonly<Record<string, unknown>>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k, i) => kb[i] === k && sameData(ra[k], rb[k]));
}

const sameRows = (a: ExchangeCookies, b: ExchangeCookies): boolean => sameData(a, b);

/** The capture's exchanges as the world inference reads them: open credentials say nothing. */
function worldExchanges(planned: readonly Planned[]): { exchanges: CookieExchange[]; ids: string[] } {
  const exchanges: CookieExchange[] = [];
  const ids: string[] = [];
  for (const p of planned) {
    p.hops.forEach((hop, i) => {
      exchanges.push(p.reading(i) === 'unknown' ? { ...hop, cookieHeader: undefined } : hop);
      ids.push(p.x.id);
    });
  }
  return { exchanges, ids };
}

/**
 * Every exchange's cookie rows, for a capture recorded by `recorder` (Chromium's rules when
 * unknown). Exchanges are taken in the order given (request order).
 */
export function captureCookies(exchanges: readonly ObservedExchange[], recorder: Recorder, options: CaptureCookieOptions = {}): CaptureCookies {
  if (!exchanges.some(holdsCookies)) return withoutCookies(exchanges, recorder, options);
  const planned = plan(exchanges, options.credentials);
  if (recorder === 'firefox') {
    const cookieBehavior = options.cookieBehavior ?? 5;
    const byExchange = simulate(planned, { browser: 'firefox', cookieBehavior });
    return { setting: { browser: 'firefox', cookieBehavior, provenance: options.cookieBehavior === undefined ? 'default' : 'observed' }, byExchange };
  }
  if (options.thirdPartyCookies !== undefined) {
    const thirdPartyCookies = options.thirdPartyCookies;
    return { setting: { browser: 'chromium', thirdPartyCookies, provenance: 'observed', evidence: [] }, byExchange: simulate(planned, { browser: 'chromium', thirdPartyCookies }) };
  }
  const world = worldExchanges(planned);
  const inference = inferThirdPartyCookies(world.exchanges);
  const evidence = inference.evidence.map((e) => ({ ...e, exchangeId: world.ids[e.exchange] ?? '' }));
  const setting: CookieSetting = { browser: 'chromium', thirdPartyCookies: inference.setting, provenance: 'inferred', evidence };
  const primary = simulate(planned, { browser: 'chromium', thirdPartyCookies: inference.setting ?? 'blocked' });
  if (inference.setting !== null) return { setting, byExchange: primary };
  const other = simulate(planned, { browser: 'chromium', thirdPartyCookies: 'allowed' });
  const byExchange = new Map([...primary].map(([id, rows]) => {
    const alt = other.get(id);
    return [id, alt === undefined || sameRows(rows, alt) ? rows : { ...rows, otherReading: { request: alt.request, response: alt.response } }];
  }));
  return { setting, byExchange };
}

/**
 * A capture in which no hop shows a cookie: the jar stays empty under every setting, so every
 * exchange has no rows, no proof and nothing withheld — what the simulation gives, without running
 * it four times (the setting's two predictions, then each reading). Nothing is evidence for the
 * third-party setting either.
 */
function withoutCookies(exchanges: readonly ObservedExchange[], recorder: Recorder, options: CaptureCookieOptions): CaptureCookies {
  const byExchange = new Map<string, CaptureExchangeCookies>();
  for (const x of exchanges) {
    const reading = firstReading(x, options.credentials?.get(x.id));
    const unknown = x.legs.some((_, i) => reading(i) === 'unknown');
    byExchange.set(x.id, { request: [], response: [], credentials: { reading: unknown ? 'unknown' : reading(0), proof: null, withheld: [] }, otherReading: null });
  }
  if (recorder === 'firefox') {
    const cookieBehavior = options.cookieBehavior ?? 5;
    return { setting: { browser: 'firefox', cookieBehavior, provenance: options.cookieBehavior === undefined ? 'default' : 'observed' }, byExchange };
  }
  if (options.thirdPartyCookies !== undefined) {
    return { setting: { browser: 'chromium', thirdPartyCookies: options.thirdPartyCookies, provenance: 'observed', evidence: [] }, byExchange };
  }
  return { setting: { browser: 'chromium', thirdPartyCookies: null, provenance: 'inferred', evidence: [] }, byExchange };
}

/** The exchanges with the jar's evidence on their credentials mode, for the evaluator. */
export function withCookieEvidence(exchanges: readonly ObservedExchange[], cookies: CaptureCookies): ObservedExchange[] {
  return exchanges.map((x) => {
    const rows = cookies.byExchange.get(x.id);
    return rows === undefined ? x : { ...x, cookieEvidence: rows.credentials };
  });
}

/**
 * The credentials mode each verdict settled (its `request.credentials` check passed: the wire,
 * the recorder or the jar told), by exchange id; open ones are left out.
 */
export function settledCredentials(exchanges: readonly ObservedExchange[], verdicts: readonly { readonly checks: readonly { readonly id: string; readonly status: string; readonly observed: string | null }[] }[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  exchanges.forEach((x, i) => {
    const row = verdicts[i]?.checks.find((c) => c.id === 'request.credentials');
    if (row?.status === 'pass') out.set(x.id, row.observed === 'include');
  });
  return out;
}
