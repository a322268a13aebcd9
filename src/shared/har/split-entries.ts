/**
 * Where the entries of a HAR's `log.entries` array lie in its text, so that each entry can be
 * parsed (`JSON.parse` of its slice), validated and dropped on its own instead of holding the
 * parsed values of the whole file at once (`validate.ts`, `parseHarText`).
 *
 * The grammar read (RFC 8259, https://www.rfc-editor.org/rfc/rfc8259#section-2):
 *
 *     JSON-text = ws value ws
 *     object    = "{" ws [ member *( ws "," ws member ) ] ws "}"
 *     member    = string ws ":" ws value
 *     array     = "[" ws [ value *( ws "," ws value ) ] ws "]"
 *     string    = %x22 *( unescaped / %x5C escaped-char ) %x22
 *     ws        = *( %x20 / %x09 / %x0A / %x0D )
 *
 * Only the structure around the entries is read here: the top-level object's members, the `log`
 * object's members, and the entries array's items and commas. Any other value is skipped by
 * bracket depth, strings by their closing quote (a quote preceded by an odd number of backslashes
 * is escaped). The scan does not validate what it skips: the caller parses the text outside the
 * array (with `[]` in its place) and every entry's slice with `JSON.parse`, which together accept
 * exactly the texts `JSON.parse` accepts whole. Whatever this scan does not expect — another
 * top-level value, a `log` or `entries` key given twice (`JSON.parse` keeps the last), an entry
 * that is not an object, a truncated text — is null: the caller then parses the whole text as
 * before, so errors read the same.
 */

/** The entries array's brackets and each entry's `[start, end)` as flat pairs. */
export interface EntrySplit {
  /** Index of the array's `[`. */
  readonly arrayStart: number;
  /** Index just past the array's `]`. */
  readonly arrayEnd: number;
  /** `[start0, end0, start1, end1, …]`: each entry's slice. */
  readonly bounds: readonly number[];
}

function isWs(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string starting at `i` (a `"`), or -1 when it does not end. */
function skipString(text: string, i: number): number {
  let at = i + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** Index just past the value starting at `i`, by bracket depth; -1 when the text ends first. */
function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === 0x22) return skipString(text, i);
  if (first !== 0x7b && first !== 0x5b) {
    // a number, true, false or null: up to the next delimiter
    let end = i;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 0x2c || c === 0x7d || c === 0x5d || isWs(c)) break;
      end++;
    }
    return end === i ? -1 : end;
  }
  let depth = 0;
  for (let at = i; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x22) {
      at = skipString(text, at) - 1;
      if (at < 0) return -1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

/** A key's text: decoded by `JSON.parse` only when it holds an escape. */
function keyAt(text: string, start: number, end: number): string | null {
  const raw = text.slice(start + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    const key: unknown = JSON.parse(text.slice(start, end));
    return typeof key === 'string' ? key : null;
  } catch {
    return null;
  }
}

/**
 * Calls `member(key, valueStart)` for each member of the object at `i` (a `{`); `member` returns
 * the index just past the value, or -1 to stop. Returns the index just past the `}`, or -1.
 */
function members(text: string, i: number, member: (key: string, valueStart: number) => number): number {
  let at = skipWs(text, i + 1);
  if (text.charCodeAt(at) === 0x7d) return at + 1;
  for (;;) {
    if (text.charCodeAt(at) !== 0x22) return -1;
    const keyEnd = skipString(text, at);
    if (keyEnd === -1) return -1;
    const key = keyAt(text, at, keyEnd);
    if (key === null) return -1;
    at = skipWs(text, keyEnd);
    if (text.charCodeAt(at) !== 0x3a) return -1;
    at = member(key, skipWs(text, at + 1));
    if (at === -1) return -1;
    at = skipWs(text, at);
    const c = text.charCodeAt(at);
    if (c === 0x7d) return at + 1;
    if (c !== 0x2c) return -1;
    at = skipWs(text, at + 1);
  }
}

/** Each item of the array at `i` (a `[`), every one an object; null otherwise. */
function entryBounds(text: string, i: number): { end: number; bounds: number[] } | null {
  const bounds: number[] = [];
  let at = skipWs(text, i + 1);
  if (text.charCodeAt(at) === 0x5d) return { end: at + 1, bounds };
  for (;;) {
    if (text.charCodeAt(at) !== 0x7b) return null;
    const end = skipValue(text, at);
    if (end === -1) return null;
    bounds.push(at, end);
    at = skipWs(text, end);
    const c = text.charCodeAt(at);
    if (c === 0x5d) return { end: at + 1, bounds };
    if (c !== 0x2c) return null;
    at = skipWs(text, at + 1);
  }
}

/** The entries of `{ …, "log": { …, "entries": [ {…}, … ] } }`, or null (see the file comment). */
export function splitEntries(text: string): EntrySplit | null {
  const start = skipWs(text, 0);
  if (text.charCodeAt(start) !== 0x7b) return null;
  let logs = 0;
  let found: EntrySplit | null = null;
  let duplicate = false;
  const end = members(text, start, (key, valueStart) => {
    if (key !== 'log') return skipValue(text, valueStart);
    logs++;
    if (text.charCodeAt(valueStart) !== 0x7b) return skipValue(text, valueStart);
    return members(text, valueStart, (logKey, at) => {
      if (logKey !== 'entries') return skipValue(text, at);
      if (found !== null || text.charCodeAt(at) !== 0x5b) {
        duplicate = true;
        return -1;
      }
      const items = entryBounds(text, at);
      if (items === null) return -1;
      found = { arrayStart: at, arrayEnd: items.end, bounds: items.bounds };
      return items.end;
    });
  });
  if (end === -1 || duplicate || logs !== 1 || skipWs(text, end) !== text.length) return null;
  return found;
}
