/**
 * Header-list lookups over observed `{name, value}` lines: case-insensitive names, order and
 * duplicates preserved. "Get" combines duplicates the way the Fetch Standard does
 * (https://fetch.spec.whatwg.org/#concept-header-list-get): values joined with `, `.
 */
import type { HttpHeader } from '../model/exchange.ts';

/** HTTP whitespace (https://fetch.spec.whatwg.org/#http-whitespace-byte): SP, HT, CR, LF. */
function isHttpWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

/** Strip leading and trailing HTTP whitespace (https://fetch.spec.whatwg.org/#concept-header-value-normalize). */
export function normalizeValue(value: string): string {
  // Hot path: a slice between the first and last non-whitespace units, which is what removing
  // the leading and trailing whitespace runs leaves; the value itself when there are none.
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start += 1;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end -= 1;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** ASCII lower-case, leaving non-ASCII alone (header names are byte sequences, not Unicode text). */
export function asciiLower(value: string): string {
  // Hot path (every header name of every exchange). One scan finds the first unit that could
  // change: none (already lower-case ASCII, as HTTP/2 names are) returns the string itself;
  // otherwise the result comes from a pure memo, since HTTP/1.1 names (`Content-Type`) repeat in
  // every entry of a HAR.
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return lowerMemoized(value);
  }
  return value;
}

/** Bounded (cleared when full, short names only) so arbitrary input cannot grow it without limit. */
const LOWER = new Map<string, string>();
const LOWER_LIMIT = 2048;
const LOWER_MAX_LENGTH = 128;

function lowerMemoized(value: string): string {
  if (value.length > LOWER_MAX_LENGTH) return lowerUncached(value);
  let lower = LOWER.get(value);
  if (lower === undefined) {
    lower = lowerUncached(value);
    if (LOWER.size >= LOWER_LIMIT) LOWER.clear();
    LOWER.set(value, lower);
  }
  return lower;
}

function lowerUncached(value: string): string {
  // The native case map equals the ASCII one on ASCII input.
  return NON_ASCII.test(value) ? value.replace(/[A-Z]/g, (u) => u.toLowerCase()) : value.toLowerCase();
}

export function asciiUpper(value: string): string {
  // Same fast path as asciiLower: nothing to change returns the string itself.
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || c > 0x7f) {
      return NON_ASCII.test(value) ? value.replace(/[a-z]/g, (l) => l.toUpperCase()) : value.toUpperCase();
    }
  }
  return value;
}

/**
 * `asciiLower(a) === asciiLower(b)`, compared code unit by code unit without building either
 * lower-cased string (this runs for every header line of every lookup). asciiLower keeps the
 * length and changes only A–Z, so folding A–Z per unit is the same comparison.
 */
function sameName(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && foldAscii(x) !== foldAscii(y)) return false;
  }
  return true;
}

function foldAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

/** Every value of `name`, in order, normalized. */
export function headerValues(headers: readonly HttpHeader[], name: string): string[] {
  const out: string[] = [];
  for (const h of headers) if (sameName(h.name, name)) out.push(normalizeValue(h.value));
  return out;
}

/** How many lines named `name` there are (Firefox counts ACAO lines, not values). */
export function countHeaderLines(headers: readonly HttpHeader[], name: string): number {
  let n = 0;
  for (const h of headers) if (sameName(h.name, name)) n += 1;
  return n;
}

export function hasHeader(headers: readonly HttpHeader[], name: string): boolean {
  return headers.some((h) => sameName(h.name, name));
}

/**
 * https://fetch.spec.whatwg.org/#concept-header-list-get — null when absent, otherwise every
 * value joined with `, ` (0x2C 0x20). Chromium joins duplicate lines the same way (verified:
 * two `Access-Control-Allow-Origin` lines report `a, a`).
 */
export function getHeader(headers: readonly HttpHeader[], name: string): string | null {
  // `headerValues(headers, name).join(', ')` without the array in the usual case of one line.
  let first: string | null = null;
  let all: string[] | null = null;
  for (const h of headers) {
    if (!sameName(h.name, name)) continue;
    const value = normalizeValue(h.value);
    if (first === null) first = value;
    else if (all === null) all = [first, value];
    else all.push(value);
  }
  return all === null ? first : all.join(', ');
}

/** Distinct lower-cased names, in first-seen order. */
export function headerNames(headers: readonly HttpHeader[]): string[] {
  const seen = new Set<string>();
  for (const h of headers) seen.add(asciiLower(h.name));
  return [...seen];
}

/** Header lines from arbitrary input, dropping malformed entries (defensive: inputs are data). */
export function sanitizeHeaders(value: unknown): HttpHeader[] {
  if (!Array.isArray(value)) return [];
  const out: HttpHeader[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const name: unknown = (item as { name?: unknown }).name;
    const v: unknown = (item as { value?: unknown }).value;
    if (typeof name !== 'string') continue;
    out.push({ name, value: typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v) });
  }
  return out;
}
