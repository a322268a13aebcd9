/**
 * The panel's state: one immutable `PanelState` value behind a tiny subscribable store.
 * `createPanelStore()` makes one per panel (no module-level singletons); worker events enter
 * only through `applyMessage` (./apply-message.ts), user actions through ./actions.ts.
 */
import type { KnownCookieSetting } from '../../shared/cookies/browser-setting.ts';
import type { LogRecord, TabState } from '../../shared/protocol/messages.ts';
import { DEFAULT_LIST_PREFS, type ListPrefs } from './list-prefs.ts';

export type View = 'list' | 'timeline' | 'cache';
export type DetailsTab = 'explanation' | 'headers' | 'cookies' | 'timing';
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
export type Theme = 'light' | 'dark';

export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** Exchanges in list order (by `seq`), with an id → position index. */
export interface RecordLog {
  readonly records: readonly LogRecord[];
  readonly index: ReadonlyMap<string, number>;
}

/** A HAR file shown instead of the live log; the live log keeps updating underneath. */
export interface ImportedLog extends RecordLog {
  readonly name: string;
}

/** A HAR import in progress: exchanges evaluated so far, of how many (null while reading). */
export interface ImportProgress {
  readonly name: string;
  readonly done: number;
  readonly total: number | null;
}

export interface PanelState {
  /** The inspected tab; null when the panel was opened without one. */
  readonly tabId: number | null;
  readonly connection: ConnectionStatus;
  /** True once the worker's first `snapshot` arrived. */
  readonly synced: boolean;
  readonly tab: TabState | null;
  readonly live: RecordLog;
  readonly imported: ImportedLog | null;
  readonly importing: ImportProgress | null;
  readonly filterText: string;
  readonly failuresOnly: boolean;
  /** Cross-origin requests the inspected page made before recording began (a reload captures them). */
  readonly earlierRequests: number;
  /** Columns, widths and sort of the list (remembered per profile). */
  readonly list: ListPrefs;
  readonly selectedId: string | null;
  readonly view: View;
  readonly detailsTab: DetailsTab;
  readonly notice: Notice | null;
  readonly theme: Theme;
  /** The inspected browser's third-party-cookie setting, as its API told the worker; null until (or unless) it does. */
  readonly cookieSetting: KnownCookieSetting | null;
}

export interface PanelStore {
  get(): PanelState;
  /** Replace the state with `next(current)`; listeners run only when it changed. */
  update(next: (state: PanelState) => PanelState): void;
  subscribe(listener: () => void): () => void;
}

export const EMPTY_LOG: RecordLog = { records: [], index: new Map() };

export function initialState(overrides: Partial<PanelState> = {}): PanelState {
  return {
    tabId: null,
    connection: 'connecting',
    synced: false,
    tab: null,
    live: EMPTY_LOG,
    imported: null,
    importing: null,
    filterText: '',
    failuresOnly: false,
    earlierRequests: 0,
    list: DEFAULT_LIST_PREFS,
    selectedId: null,
    view: 'list',
    detailsTab: 'explanation',
    notice: null,
    theme: 'light',
    cookieSetting: null,
    ...overrides,
  };
}

export function createPanelStore(initial: Partial<PanelState> = {}): PanelStore {
  let state = initialState(initial);
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    update(next) {
      const updated = next(state);
      if (updated === state) return;
      state = updated;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Builds a log from records in any order (sorted by `seq`, later duplicates win). */
export function logOf(records: readonly LogRecord[]): RecordLog {
  if (isStrictlyOrdered(records)) {
    const index = indexOf(records);
    if (index.size === records.length) return { records, index };
  }
  const byId = new Map<string, LogRecord>();
  for (const record of records) byId.set(record.id, record);
  const sorted = [...byId.values()].sort((a, b) => a.seq - b.seq);
  return { records: sorted, index: indexOf(sorted) };
}

function isStrictlyOrdered(records: readonly LogRecord[]): boolean {
  for (let i = 1; i < records.length; i++) {
    if ((records[i - 1]?.seq ?? 0) >= (records[i]?.seq ?? 0)) return false;
  }
  return true;
}

export function indexOf(records: readonly LogRecord[]): Map<string, number> {
  const index = new Map<string, number>();
  records.forEach((record, i) => index.set(record.id, i));
  return index;
}

/** The log the panel currently shows: the imported HAR when there is one, else the live log. */
export function shownLog(state: PanelState): RecordLog {
  return state.imported ?? state.live;
}
