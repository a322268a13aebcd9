/**
 * Every message between the background worker and a panel (DevTools panel or pop-out tab).
 *
 * Wire format: a panel opens a runtime port named `cors-panel:<tabId>` (see `panelPortName`).
 * The worker answers with one `snapshot` event, then streams deltas (`exchange-added`,
 * `exchange-updated`, `exchange-progressed`, `cleared`, `evicted`, `state`), singly or grouped in one `batch` envelope. The panel sends requests
 * (`setRecording`, `clear`, …), each answered by one `response` envelope with the same `id`.
 * Every envelope carries `source: "cors-inspector"`; `isEnvelope` is the runtime guard that
 * every receiver applies before trusting a message.
 */
import type { ObservedExchange } from '../model/exchange.ts';
import type { RequestInitiator } from '../model/initiator.ts';
import type { Verdict } from '../cors/verdict.ts';
import type { KnownCookieSetting } from '../cookies/browser-setting.ts';

export const PROTOCOL_SOURCE = 'cors-inspector';
export const PANEL_PORT_PREFIX = 'cors-panel:';

export function panelPortName(tabId: number): string {
  return `${PANEL_PORT_PREFIX}${tabId}`;
}

/** The tab id a panel port was opened for, or null when the name is not a panel port. */
export function tabIdOfPortName(name: string): number | null {
  if (!name.startsWith(PANEL_PORT_PREFIX)) return null;
  const tabId = Number(name.slice(PANEL_PORT_PREFIX.length));
  return Number.isInteger(tabId) && tabId >= 0 ? tabId : null;
}

/** One stored exchange with its evaluation; what the panel lists. */
export interface ExchangeRecord {
  /** Unique within the tab's log; stable across worker restarts. */
  readonly id: string;
  readonly tabId: number;
  /** Monotonic per tab: the list's order. */
  readonly seq: number;
  readonly frameId?: number;
  /** Who made the request (page, frame, worker, service worker), when the capture saw it; absent for an imported HAR. */
  readonly initiator?: RequestInitiator;
  /** True while the exchange may still change (request in flight). */
  readonly pending: boolean;
  readonly exchange: ObservedExchange;
  readonly verdict: Verdict;
}

/**
 * An exchange first seen in flight, as the worker sends it: not evaluated yet. The worker
 * evaluates an exchange once, when it settles (`exchange-updated` then carries the verdict);
 * evaluating it in flight too would double the work and the bytes of a burst while the list shows
 * only "Pending…". The panel evaluates one itself if a user opens its details meanwhile.
 */
export interface InFlightRecord extends Omit<ExchangeRecord, 'pending' | 'verdict'> {
  readonly pending: true;
  readonly verdict?: undefined;
}

/** What a live log holds: evaluated records, and exchanges in flight not evaluated yet. */
export type LogRecord = ExchangeRecord | InFlightRecord;

/** Whether `record` carries its verdict. */
export function isEvaluated(record: LogRecord): record is ExchangeRecord {
  return record.verdict !== undefined;
}

/** Per-tab recording state, shown in the toolbar. */
export interface TabState {
  readonly tabId: number;
  readonly recording: boolean;
  readonly preserveLog: boolean;
  /** Maximum stored exchanges; the oldest are evicted beyond it. */
  readonly capacity: number;
  /** How many exchanges were evicted since the log was last cleared. */
  readonly evicted: number;
  /**
   * When recording of the tab began (ms since the epoch): its first panel (or DevTools page)
   * connected. The panel looks for cross-origin requests the page made before then.
   */
  readonly recordingSince?: number;
}

export const DEFAULT_CAPACITY = 5000;

/** Events: worker → panel. A discriminated union on `type`. */
export type WorkerEvent =
  | { readonly type: 'snapshot'; readonly state: TabState; readonly records: readonly LogRecord[] }
  | { readonly type: 'exchange-added'; readonly record: LogRecord }
  | { readonly type: 'exchange-updated'; readonly record: ExchangeRecord }
  /**
   * An exchange still in flight changed (a preflight answered, a response started): the worker
   * evaluates it only once it settles. Carries the new exchange alone, so a burst does not send
   * a record with every flush; the record becomes `{ ...record, exchange, pending: true }`.
   */
  | { readonly type: 'exchange-progressed'; readonly id: string; readonly exchange: ObservedExchange }
  | { readonly type: 'evicted'; readonly ids: readonly string[]; readonly state: TabState }
  | { readonly type: 'cleared'; readonly reason: 'user' | 'navigation'; readonly state: TabState }
  | { readonly type: 'state'; readonly state: TabState }
  /** The browser's third-party-cookie setting changed (its API's `onChange`): the new one, null when unknown. */
  | { readonly type: 'cookie-setting'; readonly setting: KnownCookieSetting | null };

/** The events a `batch` envelope may carry: every event but the snapshot. */
export type DeltaEvent = Exclude<WorkerEvent, { type: 'snapshot' }>;

/** Requests: panel → worker, typed by an interface of method signatures. */
export interface PanelRequests {
  setRecording(recording: boolean): TabState;
  setPreserveLog(preserveLog: boolean): TabState;
  setCapacity(capacity: number): TabState;
  clear(): TabState;
  /** Re-send the snapshot (after a reconnect). */
  getSnapshot(): { state: TabState; records: readonly LogRecord[] };
  /**
   * Keep-alive. Chrome stops an idle MV3 service worker after ~30 s; a message on the port resets
   * that timer, so connected panels ping well inside it. Answers the worker's clock (ms).
   */
  ping(): number;
  /**
   * The browser's third-party-cookie setting where its API tells it (null when it does not), so
   * the panel decides live cookies under it instead of inferring it.
   */
  getCookieSetting(): KnownCookieSetting | null;
}

export type RequestName = keyof PanelRequests & string;

export type Envelope =
  | { readonly source: typeof PROTOCOL_SOURCE; readonly kind: 'event'; readonly event: WorkerEvent }
  /**
   * Several deltas at once, in order. The worker sends what changed during one flush interval as
   * one message (one postMessage per flush, not per webRequest event); the panel's connection
   * module unwraps it, so UI code only ever handles `WorkerEvent`s.
   */
  | { readonly source: typeof PROTOCOL_SOURCE; readonly kind: 'batch'; readonly events: readonly DeltaEvent[] }
  | {
      readonly source: typeof PROTOCOL_SOURCE;
      readonly kind: 'request';
      readonly id: number;
      readonly name: RequestName;
      readonly params: readonly unknown[];
    }
  | {
      readonly source: typeof PROTOCOL_SOURCE;
      readonly kind: 'response';
      readonly id: number;
      readonly ok: boolean;
      readonly result?: unknown;
      readonly error?: string;
    };

const REQUEST_NAMES: ReadonlySet<string> = new Set<RequestName>([
  'setRecording',
  'setPreserveLog',
  'setCapacity',
  'clear',
  'getSnapshot',
  'ping',
  'getCookieSetting',
]);

/** Runtime guard: is `message` one of ours, with a well-formed envelope? */
export function isEnvelope(message: unknown): message is Envelope {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  if (m['source'] !== PROTOCOL_SOURCE) return false;
  switch (m['kind']) {
    case 'event':
      return typeof m['event'] === 'object' && m['event'] !== null && typeof (m['event'] as Record<string, unknown>)['type'] === 'string';
    case 'batch':
      return Array.isArray(m['events']) && m['events'].every((e) => typeof e === 'object' && e !== null && typeof (e as Record<string, unknown>)['type'] === 'string');
    case 'request':
      return typeof m['id'] === 'number' && typeof m['name'] === 'string' && REQUEST_NAMES.has(m['name']) && Array.isArray(m['params']);
    case 'response':
      return typeof m['id'] === 'number' && typeof m['ok'] === 'boolean';
    default:
      return false;
  }
}
