/**
 * String literals for PowerShell (Windows PowerShell 5.1 and PowerShell 7), used by the
 * `Invoke-WebRequest` command: a cmdlet takes .NET strings, so no native-argument quoting is
 * involved (PowerShell before 7.3 passes embedded `"` to native programs such as curl.exe
 * unescaped, which is why DevTools' "Copy as PowerShell" does not call curl.exe either).
 *
 * The rules relied on (about_Quoting_Rules, about_Special_Characters):
 * - "A string enclosed in single quotation marks is a verbatim string": nothing is expanded; "To
 *   include a single quotation mark in a single-quoted string, use a second consecutive single
 *   quote."
 * - "PowerShell treats smart quotation marks, also called typographic or curly quotes, as normal
 *   quotation marks for strings": U+2018–U+201B close a single-quoted string, U+201C–U+201E a
 *   double-quoted one (GitLab Runner's psDoubleQuote had to learn this, gitlab-runner!7004).
 * - In a double-quoted string `$` starts a variable or a `$( … )` subexpression and the backtick
 *   escapes the next character; `$([char]0xHHHH)` yields one UTF-16 code unit.
 *
 * What we write: printable ASCII without `'` as a single-quoted string; anything else as a
 * double-quoted string where `` ` ``, `$` and `"` are backtick-escaped and every character outside
 * printable ASCII (control characters, smart quotes, bidi overrides, every non-ASCII character;
 * a pair of surrogates as two code units) is `$([char]0xHHHH)`. The command is then pure ASCII:
 * no console code page, paste normalization (PSReadLine turns CR LF into LF) or lookalike quote
 * can change it. devtools-frontend's `generatePowerShellCommand` escapes the same set in a
 * double-quoted string, with `$([char]N)` in decimal. NUL is `$([char]0x0000)`: a .NET string can
 * hold it, and a header value with one is rejected by .NET, not cut short.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function powershellString(text: string): string {
  if (PRINTABLE_ASCII.test(text) && !text.includes("'")) return `'${text}'`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const c = text[i] ?? '';
    if (c === '`' || c === '$' || c === '"') out += `\`${c}`;
    else if (unit >= 0x20 && unit <= 0x7e) out += c;
    else out += `$([char]0x${unit.toString(16).toUpperCase().padStart(4, '0')})`;
  }
  return `${out}"`;
}
