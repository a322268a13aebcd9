/**
 * The one reducer for worker events (src/shared/protocol/messages.ts `WorkerEvent`).
 * Pure over `PanelState`; `applyMessage` applies one event to a store, `applyMessages` a batch of
 * them in one update (the records are copied once per batch, not once per event).
 */
import { sanitizeCookieSetting } from '../../shared/cookies/browser-setting.ts';
import type { ObservedExchange } from '../../shared/model/exchange.ts';
import type { LogRecord, WorkerEvent } from '../../shared/protocol/messages.ts';
import { EMPTY_LOG, indexOf, logOf, type PanelState, type PanelStore, type RecordLog } from './store.ts';

export function applyMessage(store: PanelStore, event: WorkerEvent): void {
  store.update((state) => reduce(state, event));
}

export function applyMessages(store: PanelStore, events: readonly WorkerEvent[]): void {
  if (events.length > 0) store.update((state) => reduceAll(state, events));
}

/** `events.reduce(reduce, state)`, with each run of adds and updates merged into the log at once. */
export function reduceAll(state: PanelState, events: readonly WorkerEvent[]): PanelState {
  let next = state;
  let run: LogRecord[] = [];
  /** The run's newest record of each id (a progressed exchange may be one added in this run). */
  let inRun = new Map<string, LogRecord>();
  const push = (record: LogRecord): void => {
    run.push(record);
    inRun.set(record.id, record);
  };
  for (const event of events) {
    if (event.type === 'exchange-added' || event.type === 'exchange-updated') {
      push(event.record);
      continue;
    }
    if (event.type === 'exchange-progressed') {
      const known = inRun.get(event.id) ?? recordOf(next.live, event.id);
      if (known !== undefined) push(progressed(known, event.exchange));
      continue;
    }
    if (run.length > 0) next = { ...next, live: upsert(next.live, run) };
    run = [];
    inRun = new Map();
    next = reduce(next, event);
  }
  return run.length > 0 ? { ...next, live: upsert(next.live, run) } : next;
}

export function reduce(state: PanelState, event: WorkerEvent): PanelState {
  switch (event.type) {
    case 'snapshot':
      return keepSelection({ ...state, synced: true, connection: 'connected', tab: event.state, live: logOf(event.records) });
    case 'exchange-added':
    case 'exchange-updated':
      return { ...state, live: upsert(state.live, [event.record]) };
    case 'exchange-progressed': {
      const known = recordOf(state.live, event.id);
      return known === undefined ? state : { ...state, live: upsert(state.live, [progressed(known, event.exchange)]) };
    }
    case 'evicted':
      return keepSelection({ ...state, tab: event.state, live: remove(state.live, new Set(event.ids)) });
    case 'cleared':
      return keepSelection({ ...state, tab: event.state, live: EMPTY_LOG });
    case 'state':
      return { ...state, tab: event.state };
    case 'cookie-setting': {
      const cookieSetting = sanitizeCookieSetting(event.setting);
      return JSON.stringify(cookieSetting) === JSON.stringify(state.cookieSetting) ? state : { ...state, cookieSetting };
    }
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

function recordOf(log: RecordLog, id: string): LogRecord | undefined {
  const at = log.index.get(id);
  return at === undefined ? undefined : log.records[at];
}

/** An in-flight record after `exchange-progressed`: the new exchange, the verdict it had. */
function progressed(record: LogRecord, exchange: ObservedExchange): LogRecord {
  return { ...record, exchange, pending: true };
}

/** Replaces known records in place and appends newer ones; copies the log once per call. */
function upsert(log: RecordLog, incoming: readonly LogRecord[]): RecordLog {
  const records = log.records.slice();
  let index: Map<string, number> | null = null;
  let ordered = true;
  for (const record of incoming) {
    const at = (index ?? log.index).get(record.id);
    if (at !== undefined) {
      records[at] = record;
      continue;
    }
    const last = records[records.length - 1];
    if (last !== undefined && last.seq >= record.seq) ordered = false;
    index ??= new Map(log.index);
    index.set(record.id, records.length);
    records.push(record);
  }
  if (!ordered) return logOf(records);
  return { records, index: index ?? log.index };
}

function remove(log: RecordLog, ids: ReadonlySet<string>): RecordLog {
  const records = log.records.filter((r) => !ids.has(r.id));
  return records.length === log.records.length ? log : { records, index: indexOf(records) };
}

/** Drops the selection when the selected exchange left the shown log. */
function keepSelection(state: PanelState): PanelState {
  if (state.selectedId === null) return state;
  const log = state.imported ?? state.live;
  return log.index.has(state.selectedId) ? state : { ...state, selectedId: null };
}
