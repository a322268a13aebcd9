/**
 * The filter box's language: DevTools' Network panel filter where it applies, plus this panel's
 * own keys (the table is ./filter-keys.ts).
 *
 *   filter  = *SP [ token *( 1*SP token ) ] *SP
 *   token   = [ "-" ] ( keyed / regex / word )        ; "-" negates the token
 *   keyed   = key ":" value                            ; domain:*.example.com  method:PUT,DELETE
 *   key     = ALPHA *( ALPHA / "-" )
 *   value   = alternative *( ( "," / "|" ) alternative ) ; any alternative may match
 *   regex   = "/" 1*CHAR "/"                           ; tested against every URL, ignoring case
 *   word    = 1*( CHAR except SP )                     ; text in a URL (every word must appear)
 *
 * A word that only looks keyed is text: a URL (`http://…`) or a host and port (`localhost:8310`).
 * An unknown key, a value a fixed-value key does not take (`status:nope`), an invalid value
 * (`status-code:abc`) and an invalid regex are errors the filter box shows, and the token is left
 * out, so the rest still filters. A value still being typed (`method:`, or `is:c`, a prefix of
 * more than one value) is left out without an error; a unique prefix (`status:bl`) stands for its value.
 * Values compare case-insensitively.
 */
import { filterKey, FILTER_KEYS, valuesFor, type FilterRow, type ValueMatcher } from './filter-keys.ts';

export interface FilterToken {
  /** A key of ./filter-keys.ts, or `text` (a word), or `regex`. */
  readonly key: string;
  /** Lower-cased alternatives (a regex: its source); the token matches when any does. */
  readonly values: readonly string[];
  readonly negated: boolean;
  readonly test: ValueMatcher;
}

export interface FilterError {
  /** The token as typed. */
  readonly token: string;
  readonly message: string;
}

export interface FilterQuery {
  readonly tokens: readonly FilterToken[];
  readonly errors: readonly FilterError[];
  readonly failuresOnly: boolean;
}

const KEYED = /^([a-z][a-z-]*):(.*)$/i;
const KNOWN_KEYS = FILTER_KEYS.map((def) => def.key).join(', ');

/** Whether `word` is a `key:value` token: a known key's, or one that is neither a URL nor a host with a port. */
export function looksKeyed(word: string): RegExpExecArray | null {
  const m = KEYED.exec(word);
  if (m === null) return null;
  if (filterKey((m[1] ?? '').toLowerCase()) !== undefined) return m;
  const value = m[2] ?? '';
  return value.startsWith('//') || /^\d+(?:[/?#]|$)/.test(value) ? null : m;
}

function textToken(value: string, negated: boolean): FilterToken {
  return { key: 'text', values: [value], negated, test: (r) => r.fields.searchText.includes(value) };
}

function regexToken(source: string, negated: boolean): FilterToken | FilterError {
  try {
    const re = new RegExp(source, 'i');
    return { key: 'regex', values: [source], negated, test: (r) => r.fields.urls.some((url) => re.test(url)) };
  } catch (error) {
    return { token: `/${source}/`, message: `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A `key:value` token, an error, or null when the value is still being typed. */
function keyedToken(word: string, keyText: string, valueText: string, negated: boolean): FilterToken | FilterError | null {
  const key = keyText.toLowerCase();
  const def = filterKey(key);
  if (def === undefined) return { token: word, message: `Unknown filter key “${keyText}”. Keys: ${KNOWN_KEYS}.` };
  const typed = valueText
    .toLowerCase()
    .split(/[,|]/)
    .filter((v) => v !== '');
  if (typed.length === 0) return null;
  const values: string[] = [];
  for (const v of typed) {
    if (def.values !== undefined) {
      const candidates = valuesFor(def, v);
      if (candidates.length === 0) return { token: word, message: `${def.key}: takes ${def.values.map((x) => x.value).join(', ')}; not “${v}”.` };
      // A prefix of several values: still being typed.
      if (candidates.length > 1) return null;
      values.push(candidates[0] ?? v);
      continue;
    }
    const invalid = def.invalid?.(v) ?? null;
    if (invalid !== null) return { token: word, message: `${def.key}: ${invalid}; not “${v}”.` };
    values.push(v);
  }
  const matchers = values.map((v) => def.match(v));
  const test: ValueMatcher = matchers.length === 1 && matchers[0] !== undefined ? matchers[0] : (r) => matchers.some((m) => m(r));
  return { key, values, negated, test };
}

function isError(t: FilterToken | FilterError): t is FilterError {
  return 'message' in t;
}

export function parseFilter(text: string, failuresOnly = false): FilterQuery {
  const tokens: FilterToken[] = [];
  const errors: FilterError[] = [];
  for (const word of text.trim().split(/\s+/)) {
    if (word === '' || word === '-') continue;
    const negated = word.startsWith('-');
    const body = negated ? word.slice(1) : word;
    let token: FilterToken | FilterError | null;
    const keyed = looksKeyed(body);
    if (body.length > 2 && body.startsWith('/') && body.endsWith('/')) token = regexToken(body.slice(1, -1), negated);
    else if (keyed !== null) token = keyedToken(word, keyed[1] ?? '', keyed[2] ?? '', negated);
    else token = textToken(body.toLowerCase(), negated);
    if (token === null) continue;
    if (isError(token)) errors.push(token);
    else tokens.push(token);
  }
  return { tokens, errors, failuresOnly };
}

export function matchesFilter(query: FilterQuery, row: FilterRow): boolean {
  if (query.failuresOnly && row.fields.status !== 'blocked') return false;
  for (const token of query.tokens) {
    if (token.test(row) === token.negated) return false;
  }
  return true;
}

export function isEmptyQuery(query: FilterQuery): boolean {
  return query.tokens.length === 0 && !query.failuresOnly;
}
