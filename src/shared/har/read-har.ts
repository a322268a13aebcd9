/**
 * HAR → `ObservedExchange[]`.
 *
 * 1. Validate (`validateHar`); malformed input comes back as a `HarIssue`.
 * 2. Split preflights from other entries: Chromium marks them `_resourceType: "preflight"`,
 *    Firefox does not, so an `OPTIONS` with `Access-Control-Request-Method` and `Origin` is one too.
 * 3. Link redirect hops into chains; each chain is one exchange, one leg per hop.
 * 4. Pair observed preflights with legs (`pairPreflights`); a preflight may be listed before or
 *    after its request. A preflight whose request is not in the file becomes an exchange of its
 *    own, its request reconstructed from `Access-Control-Request-*` (provisional headers).
 * 5. A leg that needed a preflight and has none was served by the CORS-preflight cache
 *    (https://fetch.spec.whatwg.org/#cors-preflight-cache): link it to the earlier preflight
 *    that created the entry (`PreflightLedger`).
 * 6. Sort by start time, file order breaking ties.
 */
import type {
  BrowserName,
  ExchangeLeg,
  HttpHeader,
  ObservedExchange,
  ObservedOutcome,
  ObservedPreflight,
  ObservedRequest,
  ObservedResponse,
  PreflightRecord,
  Recorder,
  RequestMode,
} from '../model/exchange.ts';
import { isPreflightRequest, needsCorsPreflight } from '../pairing/cors-request.ts';
import { getHeader, hasHeader } from '../http/headers.ts';
import { isTupleOrigin, originOf } from '../http/origin.ts';
import { requestedHeaderNames, requestedMethod, type PairingSubject } from '../pairing/match.ts';
import { pairPreflights } from '../pairing/pair.ts';
import { fixedModes } from '../pairing/resource-modes.ts';
import { PreflightLedger } from '../pairing/cache-inference.ts';
import type { HarReadResult } from './errors.ts';
import { entryInitiatorOrigin, entryPageUrl } from './origin.ts';
import { observedRequest, observedResponse, requestModeOf } from './normalize.ts';
import { recorderOf } from './recorder.ts';
import { redirectChains } from './redirects.ts';
import type { HarDocument, HarEntryRecord, HarPage } from './types.ts';
import { validateHar } from './validate.ts';

export interface HarCapture {
  readonly recorder: Recorder;
  /** `log.creator` as written (`WebInspector` 537.36, `Firefox` 140.0, …). */
  readonly creator: { readonly name: string; readonly version: string };
  /** One exchange per fetch, in request order. Ids are the index of the exchange's first entry. */
  readonly exchanges: readonly ObservedExchange[];
}

interface Draft {
  readonly id: string;
  readonly firstIndex: number;
  readonly startedAt: number | undefined;
  readonly initiatorOrigin: string | undefined;
  readonly topLevelUrl: string | undefined;
  readonly resourceType: string | undefined;
  readonly mode: RequestMode | undefined;
  readonly requests: ObservedRequest[];
  readonly responses: (ObservedResponse | null)[];
  readonly preflights: (PreflightRecord | null)[];
  readonly outcome: ObservedOutcome;
}

/** Validates `input` and reads it. */
export function readHar(input: unknown): HarReadResult<HarCapture> {
  const validated = validateHar(input);
  return validated.ok ? { ok: true, value: readHarDocument(validated.value) } : validated;
}

function isPreflightEntry(entry: HarEntryRecord): boolean {
  return (
    entry.resourceType === 'preflight' ||
    isPreflightRequest({ url: entry.request.url, method: entry.request.method, headers: entry.request.headers })
  );
}

function outcomeOf(entry: HarEntryRecord): ObservedOutcome {
  if (entry.response.error !== null) return { kind: 'failed', error: entry.response.error };
  return { kind: entry.response.status === 0 ? 'failed' : 'succeeded' };
}

function observedPreflight(entry: HarEntryRecord): ObservedPreflight {
  return {
    kind: 'observed',
    request: observedRequest(entry),
    response: observedResponse(entry),
    ...(entry.response.error !== null && { error: entry.response.error }),
  };
}

function chainDraft(chain: readonly HarEntryRecord[], pages: ReadonlyMap<string, HarPage>): Draft | null {
  const first = chain[0];
  const last = chain[chain.length - 1];
  if (first === undefined || last === undefined) return null;
  const initiatorOrigin = entryInitiatorOrigin(first, pages);
  const mode = requestModeOf(first);
  return {
    id: String(first.index),
    firstIndex: first.index,
    startedAt: first.startedAt,
    initiatorOrigin,
    topLevelUrl: entryPageUrl(first, pages),
    resourceType: first.resourceType,
    mode,
    requests: chain.map(observedRequest),
    responses: chain.map(observedResponse),
    preflights: chain.map(() => null),
    outcome: outcomeOf(last),
  };
}

/**
 * An exchange for a preflight whose request is not in the file (the recording started late, or
 * the browser did not list it). The request is rebuilt from what the preflight asked for; its
 * header values are unknown, so its headers are provisional.
 */
function orphanDraft(entry: HarEntryRecord, pages: ReadonlyMap<string, HarPage>): Draft {
  const preflight = observedPreflight(entry);
  const headers: HttpHeader[] = [];
  const origin = getHeader(entry.request.headers, 'origin');
  if (origin !== null) headers.push({ name: 'Origin', value: origin });
  for (const name of requestedHeaderNames(preflight.request)) headers.push({ name, value: '' });
  return {
    id: String(entry.index),
    firstIndex: entry.index,
    startedAt: entry.startedAt,
    initiatorOrigin: entryInitiatorOrigin(entry, pages),
    topLevelUrl: entryPageUrl(entry, pages),
    resourceType: undefined,
    mode: 'cors',
    requests: [
      {
        url: entry.request.url,
        method: requestedMethod(preflight.request) ?? 'GET',
        headers,
        headersProvisional: true,
        ...(entry.startedAt !== undefined && { startedAt: entry.startedAt }),
      },
    ],
    responses: [null],
    preflights: [preflight],
    outcome: { kind: 'unknown' },
  };
}

const NEVER_PREFLIGHTED: ReadonlySet<RequestMode> = new Set(['navigate', 'no-cors', 'websocket', 'same-origin']);

/** Cross-origin for CORS purposes: the request's origin differs from the URL's, or was tainted to `null`. */
function isCrossOrigin(request: ObservedRequest, initiatorOrigin: string | undefined): boolean {
  const origin = getHeader(request.headers, 'origin') ?? initiatorOrigin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  const target = originOf(request.url);
  return isTupleOrigin(target) && target !== origin;
}

function legSubject(draft: Draft, leg: number): PairingSubject | null {
  const request = draft.requests[leg];
  if (request === undefined || (draft.mode !== undefined && NEVER_PREFLIGHTED.has(draft.mode))) return null;
  return {
    id: `${draft.id}:${leg}`,
    request,
    ...(draft.initiatorOrigin !== undefined && { initiatorOrigin: draft.initiatorOrigin }),
    ...(leg > 0 && { afterRedirect: true }),
  };
}

interface LegRef {
  readonly subject: PairingSubject;
  readonly draft: Draft;
  readonly leg: number;
}

/** Every leg that may have been preflighted (not a navigation, no-cors or WebSocket request). */
function preflightableLegs(drafts: readonly Draft[]): LegRef[] {
  const legs: LegRef[] = [];
  for (const draft of drafts) {
    for (let leg = 0; leg < draft.requests.length; leg++) {
      const subject = legSubject(draft, leg);
      if (subject !== null) legs.push({ subject, draft, leg });
    }
  }
  return legs;
}

/**
 * Pairs observed preflights with legs (`pairPreflights`) and records them in the ledger.
 * Returns the preflights no leg claimed.
 */
function attachObservedPreflights(legs: readonly LegRef[], preflightEntries: readonly HarEntryRecord[], ledger: PreflightLedger): HarEntryRecord[] {
  const legById = new Map(legs.map((ref) => [ref.subject.id, ref]));
  const entryById = new Map(preflightEntries.map((entry) => [String(entry.index), entry]));
  const subjects: PairingSubject[] = preflightEntries.map((entry) => ({
    id: String(entry.index),
    request: {
      url: entry.request.url,
      method: entry.request.method,
      headers: entry.request.headers,
      ...(entry.startedAt !== undefined && { startedAt: entry.startedAt }),
    },
  }));
  const paired = new Set<string>();
  for (const [legId, pairing] of pairPreflights(legs.map((ref) => ref.subject), subjects)) {
    const ref = legById.get(legId);
    const entry = entryById.get(pairing.preflightId);
    if (ref === undefined || entry === undefined) continue;
    const preflight = observedPreflight(entry);
    ref.draft.preflights[ref.leg] = preflight;
    paired.add(pairing.preflightId);
    ledger.record({
      exchangeId: ref.draft.id,
      request: preflight.request,
      response: preflight.response,
      credentialed: hasHeader(ref.subject.request.headers, 'cookie'),
    });
  }
  return preflightEntries.filter((entry) => !paired.has(String(entry.index)));
}

/**
 * Legs that needed a preflight and went out without one were answered by the CORS-preflight
 * cache (https://fetch.spec.whatwg.org/#cors-preflight-cache): link each to the recorded
 * preflight that created the entry. One that reached the server with no recorded source was
 * cached before the recording started; one with no response proves nothing and stays null.
 */
function attachCacheHits(legs: readonly LegRef[], ledger: PreflightLedger, browser: BrowserName): void {
  for (const { subject, draft, leg } of legs) {
    if (draft.preflights[leg] !== null) continue;
    if (!isCrossOrigin(subject.request, subject.initiatorOrigin) || !needsCorsPreflight(subject.request, browser)) continue;
    const inference = ledger.findCacheSource(subject, { credentialed: hasHeader(subject.request.headers, 'cookie') });
    if (inference !== null) draft.preflights[leg] = inference.record;
    else if ((draft.responses[leg] ?? null) !== null) draft.preflights[leg] = { kind: 'cache-hit' };
  }
}

/** Reads an already-validated HAR document. Pure; never throws. */
export function readHarDocument(doc: HarDocument): HarCapture {
  const recorder = recorderOf(doc);
  // The cache rules of the recording browser; Chromium's when the recorder is unknown.
  const browser: BrowserName = recorder === 'firefox' ? 'firefox' : 'chromium';
  const pages = new Map(doc.pages.map((page) => [page.id, page]));

  const preflightEntries: HarEntryRecord[] = [];
  const otherEntries: HarEntryRecord[] = [];
  for (const entry of doc.entries) (isPreflightEntry(entry) ? preflightEntries : otherEntries).push(entry);

  const drafts: Draft[] = [];
  for (const chain of redirectChains(otherEntries)) {
    const draft = chainDraft(chain, pages);
    if (draft !== null) drafts.push(draft);
  }

  const ledger = new PreflightLedger(browser);
  const legs = preflightableLegs(drafts);
  const orphans = attachObservedPreflights(legs, preflightEntries, ledger);
  for (const entry of orphans) {
    const draft = orphanDraft(entry, pages);
    drafts.push(draft);
    const preflight = draft.preflights[0];
    if (preflight?.kind === 'observed') {
      ledger.record({ exchangeId: draft.id, request: preflight.request, response: preflight.response });
    }
  }
  attachCacheHits(legs, ledger, browser);

  return { recorder, creator: doc.creator, exchanges: sortByStart(drafts).map((draft) => exchangeOf(draft, recorder)) };
}

function sortByStart(drafts: Draft[]): Draft[] {
  const allTimed = drafts.every((draft) => draft.startedAt !== undefined);
  return drafts.sort((a, b) =>
    allTimed ? (a.startedAt ?? 0) - (b.startedAt ?? 0) || a.firstIndex - b.firstIndex : a.firstIndex - b.firstIndex,
  );
}

function exchangeOf(draft: Draft, recorder: Recorder): ObservedExchange {
  const legs: ExchangeLeg[] = draft.requests.map((request, leg) => ({
    request,
    preflight: draft.preflights[leg] ?? null,
    response: draft.responses[leg] ?? null,
  }));
  return {
    id: draft.id,
    recorder,
    ...(draft.initiatorOrigin !== undefined && { initiatorOrigin: draft.initiatorOrigin }),
    ...(draft.topLevelUrl !== undefined && { topLevelUrl: draft.topLevelUrl }),
    ...(draft.resourceType !== undefined && { resourceType: draft.resourceType }),
    ...(draft.mode !== undefined && { mode: draft.mode }),
    ...(draft.resourceType !== undefined && fixedModes(draft.resourceType)),
    legs,
    outcome: draft.outcome,
  };
}
