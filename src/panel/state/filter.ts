/**
 * The filter box's language, like the Network panel's: free words match the URL (every word
 * must appear), `key:value` tokens narrow by field, a leading `-` negates a token.
 *
 *   status:blocked|allowed|not-cors|pending   method:PUT   origin:localhost:3000   code:HeaderDisallowed
 *   is:cookie-problem (a cookie withheld or a Set-Cookie refused, DevTools' `is:` keys)
 *
 * `status:` matches a prefix (`status:bl`), `method:` the whole method, `origin:` and `code:` a substring.
 *
 * A value may list alternatives separated by `,` or `|` (`method:PUT,DELETE`). Unknown keys are
 * treated as free text, so pasting a URL with a colon still works.
 */
import type { FilterFields } from './summary.ts';

export const FILTER_KEYS = ['status', 'method', 'origin', 'code', 'is'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface FilterToken {
  readonly key: FilterKey | 'text';
  /** Lower-cased alternatives; the token matches when any does. */
  readonly values: readonly string[];
  readonly negated: boolean;
}

export interface FilterQuery {
  readonly tokens: readonly FilterToken[];
  readonly failuresOnly: boolean;
}

const KEYS: ReadonlySet<string> = new Set(FILTER_KEYS);

export function parseFilter(text: string, failuresOnly = false): FilterQuery {
  const tokens: FilterToken[] = [];
  for (const word of text.trim().split(/\s+/)) {
    if (word === '' || word === '-') continue;
    const negated = word.startsWith('-');
    const body = negated ? word.slice(1) : word;
    const colon = body.indexOf(':');
    const key = colon > 0 ? body.slice(0, colon).toLowerCase() : '';
    if (KEYS.has(key)) {
      const values = body
        .slice(colon + 1)
        .toLowerCase()
        .split(/[,|]/)
        .filter((v) => v !== '');
      if (values.length > 0) tokens.push({ key: key as FilterKey, values, negated });
      continue;
    }
    tokens.push({ key: 'text', values: [body.toLowerCase()], negated });
  }
  return { tokens, failuresOnly };
}

function tokenMatches(token: FilterToken, row: FilterFields): boolean {
  switch (token.key) {
    case 'text':
      return token.values.every((v) => row.searchText.includes(v));
    case 'status':
      // Prefix match, so `status:bl` already narrows while typing.
      return token.values.some((v) => row.status.startsWith(v) || (v === 'failed' && row.status === 'blocked'));
    case 'method':
      return token.values.some((v) => row.method.toLowerCase() === v);
    case 'origin': {
      const origins = `${row.initiatorOrigin ?? ''}\n${row.targetOrigin}`.toLowerCase();
      return token.values.some((v) => origins.includes(v));
    }
    case 'code':
      return token.values.some((v) => row.codes.some((code) => code.toLowerCase().includes(v)));
    case 'is':
      return token.values.some((v) => v === 'cookie-problem' && row.cookieProblem);
  }
}

export function matchesFilter(query: FilterQuery, row: FilterFields): boolean {
  if (query.failuresOnly && row.status !== 'blocked') return false;
  for (const token of query.tokens) {
    if (tokenMatches(token, row) === token.negated) return false;
  }
  return true;
}

export function isEmptyQuery(query: FilterQuery): boolean {
  return query.tokens.length === 0 && !query.failuresOnly;
}
