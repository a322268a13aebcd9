/**
 * Keeps the store in `storage.session` so that the worker being stopped (MV3 stops an idle
 * service worker after ~30 s; Firefox suspends its event page) loses nothing: every tab's log is
 * written in chunks of `CHUNK` exchanges, only the chunks that changed, batched at most every
 * `WRITE_INTERVAL_MS` — never per webRequest event. On wake, `load()` reads it all back.
 *
 * storage.session lives in memory, is cleared when the browser quits, and is not shared with
 * content scripts (Chrome ≥ 102, Firefox ≥ 115; https://developer.chrome.com/docs/extensions/reference/api/storage#property-session).
 * Its quota is 10 MB in Chrome: when a write fails, the oldest chunks of that tab stop being
 * persisted (they stay in memory) and the write is retried.
 *
 * Layout: `log:<tabId>` → `PersistedMeta`; `log:<tabId>:<chunk>` → `StoredExchange[]` encoded
 * with a per-chunk header table (`chunk-codec.ts`), as one JSON string. Chrome counts the quota
 * by the in-memory size of the stored values, where every nested list and number is a node of its
 * own (measured: ~4× the JSON length); a string counts as its length.
 */
import { decodeChunk, encodeChunk, isEncodedChunk } from './chunk-codec.ts';
import type { SessionArea } from '../platform/apis.ts';
import { INITIATOR_KINDS, type InitiatorKind } from '../shared/model/initiator.ts';
import type { LogChange, PersistedLog, StoredExchange, TabLogState } from './store.ts';

export const CHUNK = 50;
export const WRITE_INTERVAL_MS = 500;

interface PersistedMeta extends TabLogState {
  readonly chunks: readonly number[];
}

const META = /^log:(\d+)$/;

function chunkOf(seq: number): number {
  return Math.floor(seq / CHUNK);
}

function isMeta(v: unknown): v is PersistedMeta {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    typeof m['recording'] === 'boolean' &&
    typeof m['preserveLog'] === 'boolean' &&
    typeof m['capacity'] === 'number' &&
    typeof m['evicted'] === 'number' &&
    typeof m['nextSeq'] === 'number' &&
    (m['detachedAt'] === undefined || m['detachedAt'] === null || typeof m['detachedAt'] === 'number') &&
    Array.isArray(m['chunks']) &&
    m['chunks'].every((c) => typeof c === 'number')
  );
}

function isInitiator(v: unknown): boolean {
  return typeof v === 'object' && v !== null && INITIATOR_KINDS.includes((v as { kind?: unknown }).kind as InitiatorKind);
}

/** Shape check of a persisted exchange (written by us, but storage is a boundary all the same). */
function isStored(v: unknown): v is StoredExchange {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  const x = s['exchange'];
  if (typeof s['seq'] !== 'number' || typeof s['pending'] !== 'boolean' || typeof s['frameId'] !== 'number') return false;
  if (typeof x !== 'object' || x === null) return false;
  if (s['initiator'] !== undefined && !isInitiator(s['initiator'])) return false;
  const e = x as Record<string, unknown>;
  return typeof e['id'] === 'string' && Array.isArray(e['legs']) && typeof e['outcome'] === 'object' && e['outcome'] !== null;
}

/** Where the logs to write are read from, when a batched write happens (the store). */
export interface LogSource {
  persisted(tabId: number): PersistedLog | null;
}

/** A tab's log as read back from storage. */
export interface RestoredLog {
  readonly tabId: number;
  readonly meta: TabLogState;
  readonly exchanges: readonly StoredExchange[];
}

/** The chunk's items, or null when it is not one of ours (storage is a boundary). */
function readChunk(text: unknown): unknown[] | null {
  if (typeof text !== 'string') return null;
  try {
    const encoded: unknown = JSON.parse(text);
    return isEncodedChunk(encoded) ? decodeChunk(encoded) : null;
  } catch {
    return null;
  }
}

export class Persistence {
  readonly #area: SessionArea;
  readonly #source: LogSource;
  /** tabId → chunks to rewrite; `all` = rewrite the whole tab. */
  readonly #dirty = new Map<number, Set<number> | 'all'>();
  /** tabId → chunks currently in storage. */
  readonly #written = new Map<number, Set<number>>();
  /** tabId → first chunk still persisted after a quota failure. */
  readonly #floor = new Map<number, number>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #writing: Promise<void> = Promise.resolve();

  constructor(area: SessionArea, source: LogSource) {
    this.#area = area;
    this.#source = source;
  }

  /** Reads every persisted tab log back (the worker restores them into the store). */
  async load(): Promise<RestoredLog[]> {
    const all = await this.#area.get(null);
    const restored: RestoredLog[] = [];
    for (const [key, value] of Object.entries(all)) {
      const match = META.exec(key);
      if (match === null || !isMeta(value)) continue;
      const tabId = Number(match[1]);
      const exchanges: StoredExchange[] = [];
      for (const chunk of value.chunks) {
        // A request in flight when the worker stopped can no longer be followed: it ends here.
        for (const s of readChunk(all[`log:${tabId}:${chunk}`]) ?? []) if (isStored(s)) exchanges.push(s.pending ? { ...s, pending: false } : s);
      }
      const { chunks, ...meta } = value;
      this.#written.set(tabId, new Set(chunks));
      restored.push({ tabId, meta: { ...meta, detachedAt: meta.detachedAt ?? null }, exchanges });
    }
    return restored;
  }

  /** Notes what changed; schedules one batched write. */
  changed(change: LogChange): void {
    const tabId = change.tabId;
    const current = this.#dirty.get(tabId);
    if (change.cleared || current === 'all') {
      this.#dirty.set(tabId, 'all');
    } else {
      const set = current ?? new Set<number>();
      for (const seq of change.written) set.add(chunkOf(seq));
      for (const seq of change.removed) set.add(chunkOf(seq));
      this.#dirty.set(tabId, set);
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, WRITE_INTERVAL_MS);
  }

  /** Writes everything pending now (also used when the worker is about to be suspended). */
  flush(): Promise<void> {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#writing = this.#writing.then(() => this.#write()).catch(() => undefined);
    return this.#writing;
  }

  async #write(): Promise<void> {
    if (this.#dirty.size === 0) return;
    const dirty = new Map(this.#dirty);
    this.#dirty.clear();
    for (const [tabId, chunks] of dirty) {
      await this.#writeTab(tabId, chunks);
    }
  }

  async #writeTab(tabId: number, dirty: Set<number> | 'all'): Promise<void> {
    const written = this.#written.get(tabId) ?? new Set<number>();
    const log = this.#source.persisted(tabId);
    if (log === null) {
      await this.#area.remove([`log:${tabId}`, ...[...written].map((c) => `log:${tabId}:${c}`)]);
      this.#written.delete(tabId);
      return;
    }
    const floor = this.#floor.get(tabId) ?? 0;
    const byChunk = new Map<number, StoredExchange[]>();
    for (const s of log.exchanges) {
      const chunk = chunkOf(s.seq);
      if (chunk < floor) continue;
      const list = byChunk.get(chunk);
      if (list === undefined) byChunk.set(chunk, [s]);
      else list.push(s);
    }
    const items: Record<string, unknown> = {};
    for (const [chunk, list] of byChunk) {
      if (dirty === 'all' || dirty.has(chunk) || !written.has(chunk)) items[`log:${tabId}:${chunk}`] = JSON.stringify(encodeChunk(list));
    }
    const gone = [...written].filter((c) => !byChunk.has(c));
    const meta: PersistedMeta = { ...log.meta, chunks: [...byChunk.keys()] };
    items[`log:${tabId}`] = meta;
    if (gone.length > 0) await this.#area.remove(gone.map((c) => `log:${tabId}:${c}`));
    try {
      await this.#area.set(items);
    } catch (error) {
      // Quota (Chrome: 10 MB for storage.session): stop persisting this tab's oldest chunk; retry.
      const oldest = Math.min(...byChunk.keys());
      if (!Number.isFinite(oldest) || byChunk.size <= 1) throw error;
      this.#floor.set(tabId, oldest + 1);
      this.#dirty.set(tabId, 'all');
      this.#schedule();
      return;
    }
    this.#written.set(tabId, new Set(byChunk.keys()));
  }
}
