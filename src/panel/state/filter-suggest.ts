/**
 * Autocomplete for the filter box, as DevTools' Network filter offers it: while typing a word, the
 * keys it starts; after `key:`, the key's values — its fixed ones, or those seen in the log (hosts,
 * methods, header names, status codes…), most frequent first.
 */
import type { LogRecord } from '../../shared/protocol/messages.ts';
import { filterKey, FILTER_KEYS, type FilterRow } from './filter-keys.ts';

export interface Suggestion {
  /** What replaces the word being typed. */
  readonly replacement: string;
  /** What the list shows. */
  readonly label: string;
  readonly description: string;
  /** A key completes to `key:` and keeps suggesting (its values); a value ends the token. */
  readonly complete: boolean;
}

export interface Suggestions {
  /** The range of the word being typed. */
  readonly start: number;
  readonly end: number;
  readonly items: readonly Suggestion[];
}

const MAX_SUGGESTIONS = 12;

/** The log's values of a free key, most frequent first; computed once per log and key. */
export type SeenValues = (key: string) => readonly string[];

export function seenValuesOf(records: readonly LogRecord[], rowOf: (record: LogRecord) => FilterRow): SeenValues {
  const cache = new Map<string, readonly string[]>();
  return (key) => {
    const known = cache.get(key);
    if (known !== undefined) return known;
    const def = filterKey(key);
    const counts = new Map<string, number>();
    if (def?.seen !== undefined) {
      for (const record of records) {
        for (const value of new Set(def.seen(rowOf(record)))) if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    const values = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value]) => value);
    cache.set(key, values);
    return values;
  };
}

/** The word around `caret` (between spaces). */
function wordAt(text: string, caret: number): { start: number; end: number; word: string } {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1] ?? '')) start--;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end] ?? '')) end++;
  return { start, end, word: text.slice(start, caret) };
}

/** What to offer for the word at `caret`; null when nothing fits. */
export function suggest(text: string, caret: number, seen: SeenValues): Suggestions | null {
  const { start, end, word } = wordAt(text, caret);
  const negation = word.startsWith('-') ? '-' : '';
  const body = word.slice(negation.length);
  const colon = body.indexOf(':');
  let items: Suggestion[];
  if (colon === -1) {
    if (body === '') return null;
    const typed = body.toLowerCase();
    items = FILTER_KEYS.filter((def) => def.key.startsWith(typed) && def.key !== typed).map((def) => ({
      replacement: `${negation}${def.key}:`,
      label: `${def.key}:`,
      description: def.description,
      complete: false,
    }));
  } else {
    const def = filterKey(body.slice(0, colon).toLowerCase());
    if (def === undefined) return null;
    const value = body.slice(colon + 1);
    const cut = Math.max(value.lastIndexOf(','), value.lastIndexOf('|')) + 1;
    const before = `${negation}${body.slice(0, colon + 1)}${value.slice(0, cut)}`;
    const typed = value.slice(cut).toLowerCase();
    const listed = new Set(value.slice(0, cut).toLowerCase().split(/[,|]/));
    const values = def.values ?? seen(def.key).map((v) => ({ value: v, description: '' }));
    items = values
      .filter((v) => {
        const lower = v.value.toLowerCase();
        return lower.startsWith(typed) && lower !== typed && !listed.has(lower);
      })
      .map((v) => ({ replacement: `${before}${v.value}`, label: v.value, description: v.description, complete: true }));
  }
  return items.length === 0 ? null : { start, end, items: items.slice(0, MAX_SUGGESTIONS) };
}

/** The text after accepting `item`, and where the caret goes. */
export function accept(text: string, at: Suggestions, item: Suggestion): { text: string; caret: number } {
  const rest = text.slice(at.end);
  const space = item.complete && !rest.startsWith(' ') ? ' ' : '';
  const next = `${text.slice(0, at.start)}${item.replacement}${space}${rest}`;
  return { text: next, caret: at.start + item.replacement.length + space.length };
}
