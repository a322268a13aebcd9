/**
 * Quoting for Windows `cmd.exe`: one argument → text that cmd passes on unchanged and that the
 * program's C runtime (curl.exe's `argv`) splits back into exactly that argument.
 *
 * Two parsers read the line, in order, and the order matters:
 * 1. cmd.exe: expands `%NAME%` first, then treats `^` as its escape character — "Adding the escape
 *    character before a command symbol allows it to be treated as ordinary text … & \ < > ^ |"
 *    (ss64.com, "Escape Characters, Delimiters and Quotes"). Inside a `"…"` region cmd does NOT
 *    honour `^` (the caret stays in the text), so the quotes themselves are escaped as `^"` and cmd
 *    never enters a quoted region. A `^` at the end of a line escapes the line break, and the next,
 *    empty line then yields a literal line feed.
 * 2. The Microsoft C runtime ("Parsing C command-line arguments", learn.microsoft.com): arguments
 *    are split at spaces and tabs outside `"…"`; "a double quotation mark preceded by a backslash
 *    (\") is interpreted as a literal double quotation mark"; "backslashes are interpreted
 *    literally, unless they immediately precede a double quotation mark"; 2n backslashes before a
 *    quote give n backslashes and a delimiter, 2n+1 give n and a literal quote.
 *
 * So: quote for the C runtime first (wrap in quotes, double each backslash run that precedes a
 * quote or the end, `"` → `\"`), then escape every cmd metacharacter `( ) % ! ^ " < > & |` with a
 * caret. `%` becomes `^%`: cmd looks up the variable `NAME^` in `%NAME^%`, which does not exist,
 * leaves the text alone, and the caret pass removes the caret — the same trick as DevTools' `%^`.
 *
 * devtools-frontend (`escapeStringWin`) wraps the value in bare `"` (unless it has a line break)
 * and then adds carets inside it; cmd keeps those carets literally inside the quoted region, which
 * is Chromium bug 1242803 ("Copy as cURL (cmd)" produces `^\^"` that reaches curl; curl's book
 * warns about it, curl/curl#9881). It also lets `|` through unescaped in older versions. Escaping
 * the quotes as well, as here, keeps cmd out of quote mode so every caret is consumed.
 *
 * What cmd cannot carry at all: NUL, carriage return (cmd removes CRs while reading the line) and
 * other C0 controls (the console acts on them when pasted). They are dropped and the command says
 * so (`CmdArgument.dropped`). `!` is only special with delayed expansion (`cmd /V:ON`), off by
 * default; with it on, `^!` is not enough and the command is not exact.
 */
import { utf8CodePointAt } from './bytes.ts';

/** What had to be left out of an argument, by kind. */
export type CmdDropped = 'nul' | 'carriage-return' | 'control' | 'invalid-utf8';

export interface CmdArgument {
  /** The argument as it goes on the cmd line. */
  readonly text: string;
  readonly dropped: ReadonlySet<CmdDropped>;
  /** Non-ASCII characters: they reach curl intact only if it reads its command line as Unicode. */
  readonly nonAscii: boolean;
}

const CMD_META = new Set(['(', ')', '%', '!', '^', '"', '<', '>', '&', '|']);

/** The argument's characters, with what cmd cannot carry removed and recorded. */
function carried(arg: string | Uint8Array, dropped: Set<CmdDropped>): string {
  let text = '';
  const keep = (c: string): void => {
    const code = c.codePointAt(0) ?? 0;
    if (code === 0) dropped.add('nul');
    else if (code === 0x0d) dropped.add('carriage-return');
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f) dropped.add('control');
    else text += c;
  };
  if (typeof arg === 'string') {
    // A lone surrogate is sent as U+FFFD, as everywhere else.
    for (const c of arg) keep(/^[\uD800-\uDFFF]$/.test(c) ? '\uFFFD' : c);
    return text;
  }
  for (let i = 0; i < arg.length; ) {
    const step = utf8CodePointAt(arg, i);
    if (step === null) {
      dropped.add('invalid-utf8');
      i += 1;
    } else {
      keep(String.fromCodePoint(step.codePoint));
      i += step.length;
    }
  }
  return text;
}

/** The C runtime's quoting of one argument (Colascione's ArgvQuote). */
export function crtQuote(text: string): string {
  let out = '"';
  let backslashes = 0;
  for (const c of text) {
    if (c === '\\') {
      backslashes += 1;
      continue;
    }
    out += '\\'.repeat(c === '"' ? backslashes * 2 + 1 : backslashes) + c;
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/** cmd's caret escaping of a whole (already C-runtime-quoted) argument; line feeds as `^` + two line breaks. */
export function caretEscape(text: string): string {
  let out = '';
  for (const c of text) out += c === '\n' ? '^\n\n' : CMD_META.has(c) ? `^${c}` : c;
  return out;
}

/** One argument for a cmd.exe command line. */
export function cmdArgument(arg: string | Uint8Array): CmdArgument {
  const dropped = new Set<CmdDropped>();
  const text = carried(arg, dropped);
  // Neither parser does anything with these characters: no quotes needed (`-X PUT`).
  const bare = /^[A-Za-z0-9_][A-Za-z0-9_.,/@+-]*$/.test(text);
  return { text: bare ? text : caretEscape(crtQuote(text)), dropped, nonAscii: /[^\x00-\x7f]/.test(text) };
}
