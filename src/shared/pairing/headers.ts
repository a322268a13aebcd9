/**
 * Header-list helpers over `HttpHeader[]` (order and duplicates preserved, names compared
 * case-insensitively as https://fetch.spec.whatwg.org/#concept-header-list-get does).
 */
import type { HttpHeader } from '../model/exchange.ts';

/** Every value of the header `name`, in order (no combining). */
export function headerValues(headers: readonly HttpHeader[], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const header of headers) {
    // The length test first: most names differ in length, and it costs no allocation.
    if (header.name.length === wanted.length && sameLowerName(header.name, wanted)) values.push(header.value);
  }
  return values;
}

/**
 * The header's value as https://fetch.spec.whatwg.org/#concept-header-list-get defines it:
 * all values joined with `, `, or null when the header is absent.
 */
export function getHeader(headers: readonly HttpHeader[], name: string): string | null {
  // `headerValues(headers, name).join(', ')`, without the array in the usual case of one line.
  const wanted = name.toLowerCase();
  let first: string | null = null;
  let all: string[] | null = null;
  for (const header of headers) {
    if (header.name.length !== wanted.length || !sameLowerName(header.name, wanted)) continue;
    if (first === null) first = header.value;
    else if (all === null) all = [first, header.value];
    else all.push(header.value);
  }
  return all === null ? first : all.join(', ');
}

export function hasHeader(headers: readonly HttpHeader[], name: string): boolean {
  const wanted = name.toLowerCase();
  return headers.some((header) => header.name.length === wanted.length && sameLowerName(header.name, wanted));
}

/**
 * `name.toLowerCase() === wanted` for a lower-cased `wanted`. A name equal to `wanted` is already
 * lower-case (lower-casing is idempotent), so it matches without building a lower-cased copy:
 * HTTP/2 recordings give every name in lower case.
 */
function sameLowerName(name: string, wanted: string): boolean {
  return name === wanted || name.toLowerCase() === wanted;
}

/**
 * Splits a comma-separated list of header names or methods (`Access-Control-Request-Headers`,
 * `Access-Control-Allow-Headers`, …) into trimmed, non-empty items. Case is preserved; callers
 * lower-case names themselves because methods are case-sensitive.
 */
export function splitList(value: string | null): string[] {
  if (value === null) return [];
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = raw.trim();
    if (item !== '') items.push(item);
  }
  return items;
}
