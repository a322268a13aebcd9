/**
 * Comma-separated header lists (https://fetch.spec.whatwg.org/#extract-header-list-values), as
 * used by Access-Control-Allow-Methods / -Allow-Headers / -Expose-Headers.
 */
import type { HttpHeader } from '../model/exchange.ts';
import { getAll, normalizeValue } from './headers.ts';
import { isToken } from './token.ts';

export type ListParse =
  | { readonly ok: true; readonly items: readonly string[] }
  | { readonly ok: false; readonly invalid: string; readonly items: readonly string[] };

/**
 * Split every line of `name` on commas, trim HTTP whitespace, and require each item to be a token.
 * Empty items are skipped: both Chromium 156 and Firefox 153 accept `GET,,PUT` (verified), which
 * the spec's `#method` ABNF also allows (empty list elements are legal in `#rule`).
 * Returns null when the header is absent (the spec's "null", distinct from an empty list).
 */
export function parseTokenList(headers: readonly HttpHeader[], name: string): ListParse | null {
  const lines = getAll(headers, name);
  if (lines.length === 0) return null;
  const items: string[] = [];
  for (const line of lines) {
    for (const raw of line.split(',')) {
      const item = normalizeValue(raw);
      if (item === '') continue;
      if (!isToken(item)) return { ok: false, invalid: item, items };
      items.push(item);
    }
  }
  return { ok: true, items };
}
