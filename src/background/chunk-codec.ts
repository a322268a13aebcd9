/**
 * The persisted form of a chunk of exchanges: every header line is written once per chunk in a
 * table, and each `headers` list becomes a list of indexes into it. Most lines repeat across a
 * tab's exchanges, so this roughly halves what storage.session holds (its quota is 10 MB in
 * Chrome), and decoding shares identical lines again (`sharedHeaders`).
 */
import type { HttpHeader } from '../shared/model/exchange.ts';
import { sharedHeaders } from '../shared/capture/intern.ts';

export interface EncodedChunk {
  readonly v: 1;
  /** `[name, value]` per distinct header line. */
  readonly lines: readonly (readonly [string, string])[];
  /** The items, with every `headers` array replaced by indexes into `lines`. */
  readonly items: readonly unknown[];
}

function isHeaderList(value: unknown): value is HttpHeader[] {
  return Array.isArray(value) && value.every((h) => typeof h === 'object' && h !== null && typeof (h as HttpHeader).name === 'string' && typeof (h as HttpHeader).value === 'string');
}

export function encodeChunk(items: readonly unknown[]): EncodedChunk {
  const lines: [string, string][] = [];
  const index = new Map<HttpHeader | string, number>();
  const indexOf = (h: HttpHeader): number => {
    let at = index.get(h);
    if (at !== undefined) return at;
    const key = `${h.name}\n${h.value}`;
    at = index.get(key);
    if (at === undefined) {
      at = lines.length;
      lines.push([h.name, h.value]);
      index.set(key, at);
    }
    index.set(h, at);
    return at;
  };
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = key === 'headers' && isHeaderList(v) ? v.map(indexOf) : walk(v);
    return out;
  };
  return { v: 1, lines, items: items.map(walk) };
}

export function isEncodedChunk(value: unknown): value is EncodedChunk {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return c['v'] === 1 && Array.isArray(c['lines']) && Array.isArray(c['items']);
}

/** The items back, with shared header lines; an index out of range drops that line. */
export function decodeChunk(chunk: EncodedChunk): unknown[] {
  const lines: HttpHeader[] = chunk.lines.map((l) => (Array.isArray(l) && typeof l[0] === 'string' && typeof l[1] === 'string' ? sharedHeaders.line(l[0], l[1]) : null)).filter((h): h is HttpHeader => h !== null);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] =
        key === 'headers' && Array.isArray(v) && v.every((i) => typeof i === 'number')
          ? v.flatMap((i: number) => (lines[i] === undefined ? [] : [lines[i]]))
          : walk(v);
    }
    return out;
  };
  return chunk.items.map(walk);
}
