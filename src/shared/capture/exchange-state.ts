/**
 * The live state of one exchange while the tracker follows it, and its conversion to the plain
 * `ObservedExchange` every other stage sees. Mutable on purpose: the tracker updates it in place on
 * every webRequest event (hot path), and `toObservedExchange` copies it out once per flush.
 */
import type {
  ExchangeLeg,
  HttpHeader,
  ObservedExchange,
  ObservedOutcome,
  ObservedPreflight,
  ObservedRequest,
  ObservedResponse,
  PreflightRecord,
  Recorder,
} from '../model/exchange.ts';
import { getHeader } from '../http/headers.ts';
import type { RequestInitiator } from '../model/initiator.ts';
import { urlWithoutFragment, type PairingSubject } from '../pairing/index.ts';
import type { CaptureEvent } from './raw-event.ts';
import { fixedModes } from '../pairing/resource-modes.ts';

export interface LegState {
  request: ObservedRequest;
  /** Set when the request was never seen on its own (built from a preflight or an error). */
  provisional: boolean;
  preflight: PreflightState | CacheHit | null;
  response: ObservedResponse | null;
}

/** No preflight was seen although the browser needed one: its CORS-preflight cache answered. */
export interface CacheHit {
  readonly kind: 'cache-hit';
  readonly record: PreflightRecord;
}

/** A CORS-preflight seen on the wire (its own webRequest `requestId`). */
export interface PreflightState {
  readonly kind: 'observed';
  readonly requestId: string;
  readonly request: ObservedRequest;
  readonly initiatorOrigin: string | undefined;
  response: ObservedResponse | null;
  error: string | undefined;
  done: boolean;
  doneAt: number;
  /** The exchange it belongs to (its own until an actual request claims it). */
  owner: TrackedExchange;
}

/** Who made an exchange, and the inspected tabs it is shown in. */
export interface Attribution {
  readonly initiator: RequestInitiator;
  /** The event's tab; for a tabless worker's request (`tabId` −1), the inspected tabs of its origin. */
  readonly tabs: readonly number[];
}

/** The live state of one exchange. Read it with `toObservedExchange`. */
export interface TrackedExchange extends Attribution {
  readonly id: string;
  /** webRequest's `tabId`: −1 for a tabless worker's request (see `tabs`). */
  readonly tabId: number;
  readonly frameId: number;
  readonly initiatorOrigin: string | undefined;
  resourceType: string;
  readonly legs: LegState[];
  /** requestId of the actual request, once seen. */
  actualRequestId: string | null;
  /** The current leg waits for a preflight that has not been seen yet (in the preflight pool). */
  awaitingPreflight: boolean;
  /**
   * The wait is only in case one comes: the browser does not need one for this method and these
   * headers, but may preflight it anyway (an XHR with upload listeners,
   * https://xhr.spec.whatwg.org/#the-send()-method "use-CORS-preflight flag"). No cache hit is
   * inferred when none comes.
   */
  preflightOptional: boolean;
  /** Where it waits in the preflight pool. */
  awaitKey: string | null;
  outcome: ObservedOutcome;
  pending: boolean;
  /**
   * Folded into another exchange (a redirect's re-preflight had opened one of its own), or
   * dropped as a request the browser made for itself (internal-probes.ts): it is over, and its
   * record is to be removed, not updated.
   */
  retired: boolean;
  /** Set on a preflight-born exchange until an actual request claims it. */
  unclaimed: PreflightState | null;
  /** After a 3xx: the pairing key of the next leg, and a preflight already seen for it (Chrome). */
  redirectKey: string | null;
  nextPreflight: PreflightState | null;
  /** Time of the last event seen for it. */
  lastAt: number;
}

export const UNKNOWN_OUTCOME: ObservedOutcome = { kind: 'unknown' };

/** A fresh exchange opened by event `e` (an actual request, or a preflight that comes first). */
export function newExchange(e: CaptureEvent, legs: LegState[], attribution: Attribution): TrackedExchange {
  return {
    id: e.requestId,
    tabId: e.tabId,
    frameId: e.frameId,
    initiator: attribution.initiator,
    tabs: attribution.tabs,
    initiatorOrigin: e.initiatorOrigin,
    resourceType: e.type,
    legs,
    actualRequestId: null,
    awaitingPreflight: false,
    preflightOptional: false,
    awaitKey: null,
    outcome: UNKNOWN_OUTCOME,
    pending: true,
    retired: false,
    unclaimed: null,
    redirectKey: null,
    nextPreflight: null,
    lastAt: e.time,
  };
}

/** A preflight seen in event `e`, belonging to `owner`. */
export function newPreflight(e: CaptureEvent, request: ObservedRequest, owner: TrackedExchange): PreflightState {
  return { kind: 'observed', requestId: e.requestId, request, initiatorOrigin: e.initiatorOrigin, response: null, error: undefined, done: false, doneAt: 0, owner };
}

/** The leg the exchange is at (the last of its redirect chain). */
export function currentLeg(x: TrackedExchange): LegState | undefined {
  return x.legs[x.legs.length - 1];
}

/** The exchange's current leg as the pairing rules see it. */
export function actualSubject(x: TrackedExchange, request: ObservedRequest): PairingSubject {
  return { id: x.id, request, ...(x.initiatorOrigin !== undefined ? { initiatorOrigin: x.initiatorOrigin } : {}) };
}

/** A preflight as the pairing rules see it. */
export function preflightSubject(p: Pick<PreflightState, 'requestId' | 'request' | 'initiatorOrigin'>): PairingSubject {
  return { id: p.requestId, request: p.request, ...(p.initiatorOrigin !== undefined ? { initiatorOrigin: p.initiatorOrigin } : {}) };
}

/** The pairing key: tab, method (asked about, for a preflight), URL without fragment. */
export function pairKey(tabId: number, method: string, url: string): string {
  return `${tabId} ${method} ${urlWithoutFragment(url)}`;
}

/** The prefix every pairing key of a tab starts with. */
export function tabKeyPrefix(tabId: number): string {
  return `${tabId} `;
}

export function isPreflightEvent(e: CaptureEvent): boolean {
  return e.method === 'OPTIONS' && e.headers !== undefined && getHeader(e.headers, 'access-control-request-method') !== null;
}

/** The method a preflight event asks about (`Access-Control-Request-Method`). */
export function requestedMethodOf(e: CaptureEvent): string {
  return getHeader(e.headers ?? [], 'access-control-request-method')?.trim() ?? '';
}

export function responseOf(e: CaptureEvent): ObservedResponse {
  const statusText = e.statusLine === undefined ? undefined : statusTextOf(e.statusLine);
  return {
    status: e.status ?? 0,
    ...(statusText ? { statusText } : {}),
    headers: e.headers ?? [],
    receivedAt: e.time,
  };
}

/** `HTTP/1.1 404 Not Found` → `Not Found`. */
function statusTextOf(statusLine: string): string {
  const match = /^\S+\s+\d{3}\s*(.*)$/.exec(statusLine);
  return match?.[1] ?? '';
}

export function requestOf(e: CaptureEvent, headers: readonly HttpHeader[], provisional: boolean): ObservedRequest {
  return {
    url: e.url,
    method: e.method,
    headers,
    ...(provisional ? { headersProvisional: true } : {}),
    startedAt: e.time,
  };
}

/** A leg known only from its 3xx response (a same-origin hop held in case the redirect leaves). */
export function redirectLegOf(e: CaptureEvent): LegState {
  return {
    request: { url: e.url, method: e.method, headers: [], headersProvisional: true, startedAt: e.time },
    provisional: true,
    preflight: null,
    response: responseOf(e),
  };
}

/**
 * Firefox quirk: a request from a document with an opaque origin (a sandboxed frame, a `data:`
 * page) has neither `originUrl` nor `documentUrl` (verified in Firefox 153, scenario
 * null-origin-acao-null); its `Origin: null` header names the initiator. Chrome says
 * `initiator: "null"` itself. Without an initiator the request would be dropped as unattributable.
 */
export function withOpaqueInitiator(e: CaptureEvent): CaptureEvent {
  if (e.initiatorOrigin !== undefined) return e;
  const opaque = e.phase === 'send' && e.headers !== undefined && getHeader(e.headers, 'origin') === 'null';
  return opaque ? { ...e, initiatorOrigin: 'null' } : e;
}

function preflightRecordOf(state: PreflightState | CacheHit | null): PreflightRecord | null {
  if (state === null) return null;
  if (state.kind === 'cache-hit') return state.record;
  const observed: ObservedPreflight = {
    kind: 'observed',
    request: state.request,
    response: state.response,
    ...(state.error !== undefined ? { error: state.error } : {}),
  };
  return observed;
}

/** The exchange as plain, immutable data (what the evaluator, the store and the panel see). */
export function toObservedExchange(x: TrackedExchange, recorder: Recorder): ObservedExchange {
  const legs: ExchangeLeg[] = x.legs.map((leg) => ({
    request: leg.request,
    preflight: preflightRecordOf(leg.preflight),
    response: leg.response,
  }));
  return {
    id: x.id,
    recorder,
    ...(x.initiatorOrigin !== undefined ? { initiatorOrigin: x.initiatorOrigin } : {}),
    resourceType: x.resourceType,
    ...fixedModes(x.resourceType),
    legs,
    outcome: x.outcome,
  };
}
