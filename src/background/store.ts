/**
 * The per-tab exchange logs: bounded, ordered, evaluated, and the source of every delta a panel
 * receives. The tracker reports changes synchronously (hot path: one Set.add); `flush()` then
 * turns what changed into records — evaluating each exchange once per flush, not once per event —
 * and hands the deltas to the port server as one batch per tab.
 *
 * Pure: no browser globals. Persistence and evaluation are injected.
 */
import type { BrowserName, ObservedExchange } from '../shared/model/exchange.ts';
import type { Verdict } from '../shared/cors/verdict.ts';
import type { DeltaEvent, ExchangeRecord, TabState } from '../shared/protocol/messages.ts';
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
}

export class TabLog {
  /** Insertion order is seq order (seq is assigned on insert). */
  readonly entries = new Map<string, Entry>();
  constructor(
    readonly tabId: number,
    readonly meta: TabLogState = { recording: true, preserveLog: false, capacity: DEFAULT_CAPACITY, evicted: 0, nextSeq: 1 },
  ) {}

  get state(): TabState {
    const { recording, preserveLog, capacity, evicted } = this.meta;
    return { tabId: this.tabId, recording, preserveLog, capacity, evicted };
  }
}

export interface StoreHooks {
  /** Deltas for one tab, in order (the port server sends them as one batch). */
  deltas(tabId: number, events: readonly DeltaEvent[]): void;
  /** The tab's log changed: `seqs` were written, `removed` seqs dropped, or all of it (`cleared`). */
  changed(tabId: number, change: { seqs: readonly number[]; removed: readonly number[]; cleared: boolean }): void;
}

export class ExchangeStore {
  readonly #tabs = new Map<number, TabLog>();
  readonly #dirty = new Set<TrackedExchange>();
  readonly #recorder: BrowserName;
  readonly #evaluate: Evaluate;
  #hooks: StoreHooks;

  constructor(options: { recorder: BrowserName; evaluate: Evaluate; hooks: StoreHooks }) {
    this.#recorder = options.recorder;
    this.#evaluate = options.evaluate;
    this.#hooks = options.hooks;
  }

  setHooks(hooks: StoreHooks): void {
    this.#hooks = hooks;
  }

  tab(tabId: number): TabLog {
    let log = this.#tabs.get(tabId);
    if (log === undefined) {
      log = new TabLog(tabId);
      this.#tabs.set(tabId, log);
    }
    return log;
  }

  /** Whether new requests of the tab are recorded (a tab without a log yet is). */
  isRecording(tabId: number): boolean {
    return this.#tabs.get(tabId)?.meta.recording ?? true;
  }

  hasTab(tabId: number): boolean {
    return this.#tabs.has(tabId);
  }

  tabIds(): number[] {
    return [...this.#tabs.keys()];
  }

  /** Hot path: remember that `x` changed. */
  touch(x: TrackedExchange): void {
    this.#dirty.add(x);
  }

  get dirty(): boolean {
    return this.#dirty.size > 0;
  }

  /** Applies every change since the last flush; emits deltas and persistence notes per tab. */
  flush(): void {
    if (this.#dirty.size === 0) return;
    const byTab = new Map<number, { events: DeltaEvent[]; seqs: number[]; removed: number[] }>();
    const out = (tabId: number) => {
      let o = byTab.get(tabId);
      if (o === undefined) {
        o = { events: [], seqs: [], removed: [] };
        byTab.set(tabId, o);
      }
      return o;
    };
    for (const x of this.#dirty) {
      const log = this.#tabs.get(x.tabId);
      if (log === undefined || !log.meta.recording) continue;
      const existing = log.entries.get(x.id);
      if (x.legs.length === 0) {
        // Folded into another exchange (a redirect's re-preflight that opened its own).
        if (existing !== undefined) {
          log.entries.delete(x.id);
          const o = out(x.tabId);
          o.events.push({ type: 'evicted', ids: [x.id], state: log.state });
          o.removed.push(existing.seq);
        }
        continue;
      }
      const exchange = toObservedExchange(x, this.#recorder);
      const seq = existing?.seq ?? log.meta.nextSeq++;
      const entry: Entry = { seq, frameId: x.frameId, pending: x.pending, exchange, record: null };
      // While still in flight, an update keeps the verdict it had: it is evaluated again once
      // settled, so a burst costs about one evaluation per exchange.
      const previous = existing?.record;
      const record =
        x.pending && previous !== null && previous !== undefined
          ? (entry.record = { ...previous, exchange, pending: true })
          : this.#recordOf(log.tabId, entry);
      log.entries.set(x.id, entry);
      const o = out(x.tabId);
      o.events.push(existing === undefined ? { type: 'exchange-added', record } : { type: 'exchange-updated', record });
      o.seqs.push(seq);
    }
    this.#dirty.clear();
    for (const [tabId, o] of byTab) {
      const log = this.tab(tabId);
      const evicted = this.#evict(log);
      if (evicted.length > 0) {
        o.events.push({ type: 'evicted', ids: evicted.map((e) => e.exchange.id), state: log.state });
        o.removed.push(...evicted.map((e) => e.seq));
      }
      this.#hooks.deltas(tabId, o.events);
      this.#hooks.changed(tabId, { seqs: o.seqs, removed: o.removed, cleared: false });
      this.#trimVerdicts(log);
    }
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

  #recordOf(tabId: number, entry: Entry): ExchangeRecord {
    if (entry.record !== null) return entry.record;
    entry.record = {
      id: entry.exchange.id,
      tabId,
      seq: entry.seq,
      frameId: entry.frameId,
      pending: entry.pending,
      exchange: entry.exchange,
      verdict: this.#evaluate(entry.exchange),
    };
    return entry.record;
  }

  snapshot(tabId: number): { state: TabState; records: ExchangeRecord[] } {
    const log = this.tab(tabId);
    const records: ExchangeRecord[] = [];
    for (const entry of log.entries.values()) records.push(this.#recordOf(tabId, entry));
    this.#trimVerdicts(log);
    return { state: log.state, records };
  }

  /** Exchanges of a tab in order, without verdicts (for persistence). */
  stored(tabId: number): StoredExchange[] {
    const log = this.#tabs.get(tabId);
    if (log === undefined) return [];
    return [...log.entries.values()].map(({ seq, frameId, pending, exchange }) => ({ seq, frameId, pending, exchange }));
  }

  clear(tabId: number, reason: 'user' | 'navigation'): TabState {
    const log = this.tab(tabId);
    log.entries.clear();
    log.meta.evicted = 0;
    this.#hooks.deltas(tabId, [{ type: 'cleared', reason, state: log.state }]);
    this.#hooks.changed(tabId, { seqs: [], removed: [], cleared: true });
    return log.state;
  }

  /** A top-level navigation in the tab: clears its log unless Preserve log is on. */
  navigated(tabId: number): void {
    const log = this.#tabs.get(tabId);
    if (log === undefined || log.meta.preserveLog || log.entries.size === 0) return;
    this.clear(tabId, 'navigation');
  }

  setRecording(tabId: number, recording: boolean): TabState {
    return this.#setMeta(tabId, () => {
      this.tab(tabId).meta.recording = recording;
    });
  }

  setPreserveLog(tabId: number, preserveLog: boolean): TabState {
    return this.#setMeta(tabId, () => {
      this.tab(tabId).meta.preserveLog = preserveLog;
    });
  }

  setCapacity(tabId: number, capacity: number): TabState {
    const log = this.tab(tabId);
    log.meta.capacity = capacity;
    const evicted = this.#evict(log);
    const events: DeltaEvent[] = evicted.length > 0 ? [{ type: 'evicted', ids: evicted.map((e) => e.exchange.id), state: log.state }] : [{ type: 'state', state: log.state }];
    this.#hooks.deltas(tabId, events);
    this.#hooks.changed(tabId, { seqs: [], removed: evicted.map((e) => e.seq), cleared: false });
    return log.state;
  }

  #setMeta(tabId: number, change: () => void): TabState {
    change();
    const state = this.tab(tabId).state;
    this.#hooks.deltas(tabId, [{ type: 'state', state }]);
    this.#hooks.changed(tabId, { seqs: [], removed: [], cleared: false });
    return state;
  }

  /** The tab is gone: forget its log. */
  drop(tabId: number): void {
    this.#tabs.delete(tabId);
    this.#hooks.changed(tabId, { seqs: [], removed: [], cleared: true });
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
