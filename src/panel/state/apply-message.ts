/**
 * The one reducer for worker events (src/shared/protocol/messages.ts `WorkerEvent`).
 * Pure over `PanelState`; `applyMessage` applies it to a store.
 */
import type { ExchangeRecord, WorkerEvent } from '../../shared/protocol/messages.ts';
import { EMPTY_LOG, indexOf, logOf, type PanelState, type PanelStore, type RecordLog } from './store.ts';

export function applyMessage(store: PanelStore, event: WorkerEvent): void {
  store.update((state) => reduce(state, event));
}

export function reduce(state: PanelState, event: WorkerEvent): PanelState {
  switch (event.type) {
    case 'snapshot':
      return keepSelection({ ...state, synced: true, connection: 'connected', tab: event.state, live: logOf(event.records) });
    case 'exchange-added':
    case 'exchange-updated':
      return { ...state, live: upsert(state.live, event.record) };
    case 'evicted':
      return keepSelection({ ...state, tab: event.state, live: remove(state.live, new Set(event.ids)) });
    case 'cleared':
      return keepSelection({ ...state, tab: event.state, live: EMPTY_LOG });
    case 'state':
      return { ...state, tab: event.state };
    default: {
      const unknownEvent: never = event;
      return unknownEvent;
    }
  }
}

function upsert(log: RecordLog, record: ExchangeRecord): RecordLog {
  const at = log.index.get(record.id);
  if (at !== undefined) {
    const records = log.records.slice();
    records[at] = record;
    return { records, index: log.index };
  }
  const last = log.records[log.records.length - 1];
  if (last === undefined || last.seq < record.seq) {
    const index = new Map(log.index);
    index.set(record.id, log.records.length);
    return { records: [...log.records, record], index };
  }
  return logOf([...log.records, record]);
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
