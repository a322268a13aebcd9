/**
 * Comma-separated header lists (https://fetch.spec.whatwg.org/#extract-header-list-values), as
 * used by Access-Control-Request-Headers and Access-Control-Allow-Methods / -Allow-Headers /
 * -Expose-Headers.
 */
import type { HttpHeader } from '../model/exchange.ts';
import { headerValues, normalizeValue } from './headers.ts';
import { isToken } from './token.ts';

export type ListParse =
  | { readonly ok: true; readonly items: readonly string[] }
  | { readonly ok: false; readonly invalid: string; readonly items: readonly string[] };

/**
 * The items of one comma-separated value, HTTP whitespace stripped and empty items skipped, case
 * kept (methods are case-sensitive; callers lower-case header names). `null` (absent) has none.
 *
 *     #element = [ element ] *( OWS "," OWS [ element ] )   ; https://www.rfc-editor.org/rfc/rfc9110#name-lists-rule-abnf-extension
 */
export function splitList(value: string | null): string[] {
  if (value === null) return [];
  const items: string[] = [];
  for (const raw of value.split(',')) {
    const item = normalizeValue(raw);
    if (item !== '') items.push(item);
  }
  return items;
}

/**
 * Split every line of `name` on commas (`splitList`) and require each item to be a token.
 * Empty items are skipped: both Chromium 156 and Firefox 153 accept `GET,,PUT` (verified), which
 * the spec's `#method` ABNF also allows (empty list elements are legal in `#rule`).
 * Returns null when the header is absent (the spec's "null", distinct from an empty list).
 *
 *     Access-Control-Allow-Methods = #method
 *     Access-Control-Allow-Headers = #field-name
 */
export function parseTokenList(headers: readonly HttpHeader[], name: string): ListParse | null {
  const lines = headerValues(headers, name);
  if (lines.length === 0) return null;
  const items: string[] = [];
  for (const line of lines) {
    for (const item of splitList(line)) {
      if (!isToken(item)) return { ok: false, invalid: item, items };
      items.push(item);
    }
  }
  return { ok: true, items };
}

/** Lists at most this long are searched in place; longer ones get a set (hostile lists are long). */
const SCAN_LIMIT = 16;

/**
 * A membership test over `items`: `includes` for short lists, a `Set` for long ones, so matching
 * n names against m items costs O(n + m), never O(n × m), whatever a response lists.
 */
export function membership(items: readonly string[]): (item: string) => boolean {
  if (items.length <= SCAN_LIMIT) return (item) => items.includes(item);
  const set = new Set(items);
  return (item) => set.has(item);
}
