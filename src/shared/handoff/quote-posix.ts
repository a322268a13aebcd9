/**
 * Quoting for bash and zsh (POSIX-family shells): one argument → one shell word whose expansion is
 * exactly the argument's bytes, and a `printf` format that writes any bytes (NUL included) to a pipe.
 *
 * The rules relied on (GNU Bash Reference Manual, "Quoting"):
 * - "Enclosing characters in single quotes ('') preserves the literal value of each character
 *   within the quotes. A single quote may not occur between single quotes, even when preceded by
 *   a backslash." History expansion does not look inside them either: "Only '\' and ''' may be used
 *   to escape the history expansion character" (bash(1), HISTORY EXPANSION).
 * - "ANSI-C Quoting": in `$'string'`, `\\` is a backslash, `\'` a single quote, and `\xHH` "the
 *   eight-bit character whose value is the hexadecimal value HH (one or two hex digits)". zsh reads
 *   `$'…'` the same way. `\xHH` is a byte, unlike `\uHHHH`, which depends on the locale.
 * - An argument is a C string: "the null character … cannot be represented" (`$'\x00'` ends the
 *   word there). No quoting carries a NUL byte in an argument, so a body with NUL goes through a
 *   pipe instead: POSIX `printf` turns `\ddd` (octal) in its format into that byte, `%%` into `%`.
 *
 * What we do, and why it differs from devtools-frontend (`NetworkLogView.generateCurlCommand`,
 * `escapeStringPosix`): DevTools uses `'…'` unless the value has a control character, `!` or `'`,
 * then `$'…'` with `\uHHHH` escapes. Known problems with that: `\u0000` silently truncates the
 * argument (a body with NUL is sent cut short, no warning); `\uHHHH` for U+0080–U+009F is
 * locale-dependent; and visible-but-deceptive characters (bidi overrides U+202A–U+202E,
 * U+2066–U+2069, zero-width characters) are pasted raw, so the command can display as something
 * it is not. Here every byte that is not a printable, unambiguous character is written as `\xHH`
 * inside `$'…'`, `!` too (bash 3.2, still macOS's default, history-expands inside `$'…'`), and NUL
 * is never put in an argument: `posixWord` refuses it, `printfFormat` carries it.
 */
import { utf8, utf8CodePointAt } from './bytes.ts';

/** Code points shown literally inside quotes: printable, and not invisible or deceptive. */
export function isPlainCodePoint(codePoint: number): boolean {
  if (codePoint >= 0x20 && codePoint <= 0x7e) return true;
  if (codePoint < 0xa0) return false;
  // Other (control, format incl. bidi, private use, unassigned) and separators other than U+0020
  // (no-break and wide spaces look like a space; U+2028/U+2029 like a line break).
  return !/[\p{C}\p{Z}]/u.test(String.fromCodePoint(codePoint));
}

/** Words no shell (bash, zsh, dash) expands or splits: written without quotes (`-X PUT`). */
const BARE_WORD = /^[A-Za-z0-9_][A-Za-z0-9_.,/@+-]*$/;

const hex = (byte: number): string => `\\x${byte.toString(16).padStart(2, '0')}`;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Inside `$'…'`: the three printable ASCII characters the loop escapes. */
const asciiEscape = (c: string): string => (c === '\\' ? '\\\\' : c === "'" ? "\\'" : hex(0x21));

/**
 * One shell word for `arg` (text as UTF-8, or raw bytes).
 * @returns null when `arg` holds a NUL byte, which no argument can carry.
 */
export function posixWord(arg: string | Uint8Array): string | null {
  if (typeof arg === 'string' && BARE_WORD.test(arg)) return arg;
  // Printable ASCII only (most URLs and header lines): what the loop below makes, without encoding.
  if (typeof arg === 'string' && PRINTABLE_ASCII.test(arg)) return arg.includes("'") ? `$'${arg.replace(/[\\'!]/g, asciiEscape)}'` : `'${arg}'`;
  const bytes = typeof arg === 'string' ? utf8(arg) : arg;
  if (bytes.includes(0)) return null;
  let plain = true;
  let literal = '';
  let escaped = '';
  for (let i = 0; i < bytes.length; ) {
    const step = utf8CodePointAt(bytes, i);
    if (step !== null && isPlainCodePoint(step.codePoint)) {
      const c = String.fromCodePoint(step.codePoint);
      if (c === "'") plain = false;
      literal += c;
      escaped += c === '\\' ? '\\\\' : c === "'" ? "\\'" : c === '!' ? hex(0x21) : c;
      i += step.length;
    } else {
      plain = false;
      escaped += hex(bytes[i] ?? 0);
      i += 1;
    }
  }
  return plain ? `'${literal}'` : `$'${escaped}'`;
}

/**
 * A `printf` format (already one shell word) that writes exactly `bytes`, NUL included: every
 * byte outside printable ASCII as `\ddd`, `\` as `\\`, `%` as `%%` (POSIX printf, "the format
 * operand … escape sequences \ddd"). Used as `printf FORMAT | curl --data-binary @- …`.
 */
export function printfFormat(bytes: Uint8Array): string {
  let format = '';
  for (const byte of bytes) {
    if (byte === 0x25) format += '%%';
    else if (byte === 0x5c) format += '\\\\';
    else if (byte >= 0x20 && byte <= 0x7e && byte !== 0x27) format += String.fromCharCode(byte);
    else format += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  // Only printable ASCII without ' remains: single quotes keep it literal.
  return `'${format}'`;
}
