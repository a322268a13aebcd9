/**
 * Shares identical header lines between exchanges. Most request and response headers repeat
 * verbatim across a tab's traffic (`User-Agent`, `Accept`, `Sec-Fetch-*`, the page's `Origin` and
 * `Referer`, the API's `Access-Control-*`), and every webRequest event delivers fresh copies; one
 * frozen `HttpHeader` per distinct line keeps 10,000 stored exchanges within the heap budget.
 * The table is bounded: past `MAX_ENTRIES` distinct lines it starts afresh.
 */
import type { HttpHeader } from '../model/exchange.ts';

const MAX_ENTRIES = 20_000;
/** Longer values are rarely repeated (and would bloat the table). */
const MAX_VALUE_LENGTH = 512;

export class HeaderInterner {
  #table = new Map<string, HttpHeader>();

  /** The shared line for `name: value` (a fresh frozen one when not seen before). */
  line(name: string, value: string): HttpHeader {
    if (value.length > MAX_VALUE_LENGTH) return { name, value };
    const key = `${name}\n${value}`;
    const found = this.#table.get(key);
    if (found !== undefined) return found;
    if (this.#table.size >= MAX_ENTRIES) this.#table = new Map();
    const header = Object.freeze({ name, value });
    this.#table.set(key, header);
    return header;
  }

  get size(): number {
    return this.#table.size;
  }
}

/** One table for the whole capture (the worker has one tracker). */
export const sharedHeaders = new HeaderInterner();
