/**
 * The per-tab exchange logs: bounded, ordered, evaluated, and the source of every delta a panel
 * receives. The tracker reports changes synchronously (hot path: one Set.add); `flush()` then
 * turns what changed into records — evaluating each exchange once per flush, not once per event —
 * and returns what changed per tab (`TabChange`), which the worker hands to the port server and
 * to persistence. Every other mutation returns its `TabChange` the same way; the store calls
 * nobody.
 *
 * Pure: no browser globals. Evaluation is injected.
 */
import type { BrowserName, ObservedExchange } from '../shared/model/exchange.ts';
import type { RequestInitiator } from '../shared/model/initiator.ts';
import type { Verdict } from '../shared/cors/verdict.ts';
import type { DeltaEvent, ExchangeRecord, LogRecord, TabState } from '../shared/protocol/messages.ts';
import { DEFAULT_CAPACITY } from '../shared/protocol/messages.ts';
import { toObservedExchange, type TrackedExchange } from '../shared/capture/tracker.ts';

export type Evaluate = (exchange: ObservedExchange) => Verdict;

/**
 * How many of a tab's newest records keep their verdict in memory. Verdicts are derived (and
 * larger than the exchange itself); older ones are recomputed when a snapshot needs them, which
 * keeps 10,000 stored exchanges within the worker's heap budget.
 */
export const VERDICT_CACHE = 1000;

/** One exchange as kept (and persisted): the verdict is derived, so it is not stored. */
export interface StoredExchange {
  readonly seq: number;
  readonly frameId: number;
  /** Absent in logs persisted before initiators were recorded. */
  readonly initiator?: RequestInitiator;
  readonly pending: boolean;
  readonly exchange: ObservedExchange;
}

interface Entry extends StoredExchange {
  record: ExchangeRecord | null;
}

export interface TabLogState {
  recording: boolean;
  preserveLog: boolean;
  capacity: number;
  evicted: number;
  nextSeq: number;
  /** When the tab's last panel disconnected (ms since the epoch); null while one is connected. See ./retention.ts. */
  detachedAt: number | null;
  /** When the tab's first panel connected (ms since the epoch). */
  recordingSince?: number;
}

export class TabLog {
  /** Insertion order is seq order (seq is assigned on insert). */
  readonly entries = new Map<string, Entry>();
  constructor(
    readonly tabId: number,
    readonly meta: TabLogState = { recording: true, preserveLog: false, capacity: DEFAULT_CAPACITY, evicted: 0, nextSeq: 1, detachedAt: null },
  ) {}

  get state(): TabState {
    const { recording, preserveLog, capacity, evicted, recordingSince } = this.meta;
    return { tabId: this.tabId, recording, preserveLog, capacity, evicted, ...(recordingSince !== undefined ? { recordingSince } : {}) };
  }
}

/** What changed in a tab's log, as persistence needs it: by seq, or all of it. */
export interface LogChange {
  readonly tabId: number;
  /** Seqs written (added or updated). */
  readonly written: readonly number[];
  /** Seqs removed (evicted, or retired into another exchange). */
  readonly removed: readonly number[];
  /** The whole log was cleared, or the tab dropped. */
  readonly cleared: boolean;
}

/** What one store operation changed in one tab: deltas for its panels, and the log change. */
export interface TabChange extends LogChange {
  readonly state: TabState;
  /** In order; the port server sends them as one batch. Empty when no panel needs to know. */
  readonly events: readonly DeltaEvent[];
}

/** A tab's log as persistence writes it. */
export interface PersistedLog {
  readonly meta: TabLogState;
  readonly exchanges: readonly StoredExchange[];
}

/** What a record says of its entry besides the verdict and whether it is pending. */
function recordBase(tabId: number, entry: Entry): Omit<ExchangeRecord, 'pending' | 'verdict'> {
  const { seq, frameId, initiator, exchange } = entry;
  return { id: exchange.id, tabId, seq, frameId, ...(initiator !== undefined ? { initiator } : {}), exchange };
}

/** Collects one tab's change during a flush. */
interface Pending {
  readonly events: DeltaEvent[];
  readonly written: number[];
  readonly removed: number[];
}

/** A change of the tab's settings (and of the seqs `removed` with them): persistence rewrites its meta. */
function stateChange(log: TabLog, events: readonly DeltaEvent[], removed: readonly number[] = []): TabChange {
  return { tabId: log.tabId, state: log.state, events, written: [], removed, cleared: false };
}

export class ExchangeStore {
  readonly #tabs = new Map<number, TabLog>();
  readonly #dirty = new Set<TrackedExchange>();
  readonly #recorder: BrowserName;
  readonly #evaluate: Evaluate;

  constructor(options: { recorder: BrowserName; evaluate: Evaluate }) {
    this.#recorder = options.recorder;
    this.#evaluate = options.evaluate;
  }

  /** The tab's log, created empty (recording) when it has none yet. */
  tab(tabId: number): TabLog {
    let log = this.#tabs.get(tabId);
    if (log === undefined) {
      log = new TabLog(tabId);
      this.#tabs.set(tabId, log);
    }
    return log;
  }

  /** Hot path: remember that `x` changed. */
  touch(x: TrackedExchange): void {
    this.#dirty.add(x);
  }

  get dirty(): boolean {
    return this.#dirty.size > 0;
  }

  /** Applies every change since the last flush; returns what changed, per tab. */
  flush(): TabChange[] {
    if (this.#dirty.size === 0) return [];
    const byTab = new Map<number, Pending>();
    const out = (tabId: number): Pending => {
      let o = byTab.get(tabId);
      if (o === undefined) {
        o = { events: [], written: [], removed: [] };
        byTab.set(tabId, o);
      }
      return o;
    };
    for (const x of this.#dirty) {
      // A tabless worker's request may be shown in several tabs (x.tabs); every other one in its own.
      for (const tabId of x.tabs) this.#apply(x, tabId, out);
    }
    this.#dirty.clear();
    const changes: TabChange[] = [];
    for (const [tabId, o] of byTab) {
      const log = this.tab(tabId);
      const evicted = this.#evict(log);
      if (evicted.length > 0) {
        o.events.push({ type: 'evicted', ids: evicted.map((e) => e.exchange.id), state: log.state });
        o.removed.push(...evicted.map((e) => e.seq));
      }
      changes.push({ tabId, state: log.state, events: o.events, written: o.written, removed: o.removed, cleared: false });
      this.#trimVerdicts(log);
    }
    return changes;
  }

  /** Applies the change of `x` to tab `tabId`'s log, collecting what changed in `out`. */
  #apply(x: TrackedExchange, tabId: number, out: (tabId: number) => Pending): void {
    const log = this.#tabs.get(tabId);
    if (log === undefined || !log.meta.recording) return;
    const existing = log.entries.get(x.id);
    if (x.retired) {
      // Folded into another exchange (a redirect's re-preflight that opened its own), or an
      // internal probe of the browser's: its record leaves the panels through the protocol's
      // removal delta, without counting as evicted.
      if (existing !== undefined) {
        log.entries.delete(x.id);
        const o = out(tabId);
        o.events.push({ type: 'evicted', ids: [x.id], state: log.state });
        o.removed.push(existing.seq);
      }
      return;
    }
    const exchange = toObservedExchange(x, this.#recorder);
    const seq = existing?.seq ?? log.meta.nextSeq++;
    const entry: Entry = { seq, frameId: x.frameId, initiator: x.initiator, pending: x.pending, exchange, record: null };
    const o = out(tabId);
    // In flight, an exchange is not evaluated: once settled it is, once, so a burst costs one
    // evaluation (and one verdict on the wire) per exchange. The panels hold the in-flight record
    // already: an update in flight sends them the new exchange alone.
    if (x.pending) {
      o.events.push(existing === undefined ? { type: 'exchange-added', record: this.#recordOf(tabId, entry) } : { type: 'exchange-progressed', id: x.id, exchange });
    } else {
      const record = this.#evaluated(tabId, entry);
      o.events.push(existing === undefined ? { type: 'exchange-added', record } : { type: 'exchange-updated', record });
    }
    log.entries.set(x.id, entry);
    o.written.push(seq);
  }

  /** Forgets the cached verdicts of all but the newest `VERDICT_CACHE` records. */
  #trimVerdicts(log: TabLog): void {
    let excess = log.entries.size - VERDICT_CACHE;
    if (excess <= 0) return;
    for (const entry of log.entries.values()) {
      if (excess-- <= 0) break;
      entry.record = null;
    }
  }

  /** Drops the oldest entries beyond capacity; counts them. */
  #evict(log: TabLog): Entry[] {
    const over = log.entries.size - log.meta.capacity;
    if (over <= 0) return [];
    const evicted: Entry[] = [];
    for (const [id, entry] of log.entries) {
      if (evicted.length >= over) break;
      log.entries.delete(id);
      evicted.push(entry);
    }
    log.meta.evicted += evicted.length;
    return evicted;
  }

  /** The entry's record: evaluated once settled, not while in flight. */
  #recordOf(tabId: number, entry: Entry): LogRecord {
    return entry.pending ? { ...recordBase(tabId, entry), pending: true } : this.#evaluated(tabId, entry);
  }

  /** The entry's record with its verdict (cached until trimmed). */
  #evaluated(tabId: number, entry: Entry): ExchangeRecord {
    entry.record ??= { ...recordBase(tabId, entry), pending: entry.pending, verdict: this.#evaluate(entry.exchange) };
    return entry.record;
  }

  snapshot(tabId: number): { state: TabState; records: LogRecord[] } {
    const log = this.tab(tabId);
    const records: LogRecord[] = [];
    for (const entry of log.entries.values()) records.push(this.#recordOf(tabId, entry));
    this.#trimVerdicts(log);
    return { state: log.state, records };
  }

  /** A tab's log in order, without verdicts (what persistence writes); null when there is none. */
  persisted(tabId: number): PersistedLog | null {
    const log = this.#tabs.get(tabId);
    if (log === undefined) return null;
    const exchanges = [...log.entries.values()].map(({ seq, frameId, initiator, pending, exchange }) => ({ seq, frameId, ...(initiator !== undefined ? { initiator } : {}), pending, exchange }));
    return { meta: log.meta, exchanges };
  }

  clear(tabId: number, reason: 'user' | 'navigation'): TabChange {
    const log = this.tab(tabId);
    log.entries.clear();
    log.meta.evicted = 0;
    return { tabId, state: log.state, events: [{ type: 'cleared', reason, state: log.state }], written: [], removed: [], cleared: true };
  }

  /** A top-level navigation in the tab: clears its log unless Preserve log is on (null: nothing to clear). */
  navigated(tabId: number): TabChange | null {
    const log = this.#tabs.get(tabId);
    if (log === undefined || log.meta.preserveLog || log.entries.size === 0) return null;
    return this.clear(tabId, 'navigation');
  }

  /** The tab's first panel connected at `at`: what the page did before is not in the log. */
  recordingStarted(tabId: number, at: number): TabChange {
    const log = this.tab(tabId);
    log.meta.recordingSince = at;
    return stateChange(log, [{ type: 'state', state: log.state }]);
  }

  setRecording(tabId: number, recording: boolean): TabChange {
    const log = this.tab(tabId);
    log.meta.recording = recording;
    return stateChange(log, [{ type: 'state', state: log.state }]);
  }

  setPreserveLog(tabId: number, preserveLog: boolean): TabChange {
    const log = this.tab(tabId);
    log.meta.preserveLog = preserveLog;
    return stateChange(log, [{ type: 'state', state: log.state }]);
  }

  /** Starts (a time) or stops (null) the retention clock of a tab with no panel; panels are not told. */
  setDetachedAt(tabId: number, at: number | null): TabChange {
    const log = this.tab(tabId);
    log.meta.detachedAt = at;
    return stateChange(log, []);
  }

  /** Every tab's log. */
  logs(): IterableIterator<TabLog> {
    return this.#tabs.values();
  }

  setCapacity(tabId: number, capacity: number): TabChange {
    const log = this.tab(tabId);
    log.meta.capacity = capacity;
    const evicted = this.#evict(log);
    if (evicted.length === 0) return stateChange(log, [{ type: 'state', state: log.state }]);
    const ids = evicted.map((e) => e.exchange.id);
    return stateChange(log, [{ type: 'evicted', ids, state: log.state }], evicted.map((e) => e.seq));
  }

  /** The tab is gone: forget its log. */
  drop(tabId: number): TabChange {
    const state = this.tab(tabId).state;
    this.#tabs.delete(tabId);
    return { tabId, state, events: [], written: [], removed: [], cleared: true };
  }

  /**
   * Restores a tab's log from persistence (worker restarted). Runs before the first flush, so a
   * log created meanwhile by a connecting panel is still empty and is replaced.
   */
  restore(tabId: number, meta: TabLogState, exchanges: readonly StoredExchange[]): void {
    const log = new TabLog(tabId, { ...meta });
    for (const s of [...exchanges].sort((a, b) => a.seq - b.seq)) {
      log.entries.set(s.exchange.id, { ...s, record: null });
      if (s.seq >= log.meta.nextSeq) log.meta.nextSeq = s.seq + 1;
    }
    this.#tabs.set(tabId, log);
  }
}
