/**
 * Header-list lookups over observed `{name, value}` lines: case-insensitive names, order and
 * duplicates preserved. "Get" combines duplicates the way the Fetch Standard does
 * (https://fetch.spec.whatwg.org/#concept-header-list-get): values joined with `, `.
 */
import type { HttpHeader } from '../cors/model.ts';

/** HTTP whitespace (https://fetch.spec.whatwg.org/#http-whitespace-byte): SP, HT, CR, LF. */
const HTTP_WHITESPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;

/** Strip leading and trailing HTTP whitespace (https://fetch.spec.whatwg.org/#concept-header-value-normalize). */
export function normalizeValue(value: string): string {
  return value.replace(HTTP_WHITESPACE, '');
}

const NON_ASCII = /[^\x00-\x7f]/;

/** ASCII lower-case, leaving non-ASCII alone (header names are byte sequences, not Unicode text). */
export function asciiLower(value: string): string {
  // Hot path (every header comparison): the native case map equals the ASCII one on ASCII input.
  return NON_ASCII.test(value) ? value.replace(/[A-Z]/g, (c) => c.toLowerCase()) : value.toLowerCase();
}

export function asciiUpper(value: string): string {
  return NON_ASCII.test(value) ? value.replace(/[a-z]/g, (c) => c.toUpperCase()) : value.toUpperCase();
}

function sameName(a: string, b: string): boolean {
  return asciiLower(a) === asciiLower(b);
}

/** Every value of `name`, in order, normalized. */
export function getAll(headers: readonly HttpHeader[], name: string): string[] {
  const out: string[] = [];
  for (const h of headers) if (sameName(h.name, name)) out.push(normalizeValue(h.value));
  return out;
}

/** How many lines named `name` there are (Firefox counts ACAO lines, not values). */
export function countLines(headers: readonly HttpHeader[], name: string): number {
  let n = 0;
  for (const h of headers) if (sameName(h.name, name)) n += 1;
  return n;
}

export function has(headers: readonly HttpHeader[], name: string): boolean {
  return headers.some((h) => sameName(h.name, name));
}

/**
 * https://fetch.spec.whatwg.org/#concept-header-list-get — null when absent, otherwise every
 * value joined with `, ` (0x2C 0x20). Chromium joins duplicate lines the same way (verified:
 * two `Access-Control-Allow-Origin` lines report `a, a`).
 */
export function get(headers: readonly HttpHeader[], name: string): string | null {
  const values = getAll(headers, name);
  return values.length === 0 ? null : values.join(', ');
}

/** Distinct lower-cased names, in first-seen order. */
export function namesOf(headers: readonly HttpHeader[]): string[] {
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
