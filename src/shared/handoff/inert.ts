/**
 * Making recorded values inert wherever a report shows them: a header value such as
 * `<img src=x onerror=…>`, `<script>` or `](javascript:…)` must stay text in HTML and Markdown,
 * a control character must not reach a terminal, and a bidi override must not make a value
 * display as something else ("Trojan Source", CVE-2021-42574).
 */

/**
 * Bidirectional formatting characters (Unicode UAX #9): ALM U+061C, LRM/RLM U+200E–U+200F,
 * LRE/RLE/PDF/LRO/RLO U+202A–U+202E, LRI/RLI/FSI/PDI U+2066–U+2069.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** C0 controls but tab and line feed, DEL, and C1 controls (some terminals act on U+0080–U+009F). */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const hex2 = (c: string): string => `\\x${(c.codePointAt(0) ?? 0).toString(16).padStart(2, '0')}`;
const hex4 = (c: string): string => `\\u${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Text a person reads (terminal, Markdown, HTML): control characters as `\xNN`, bidi formatting
 * characters as `\uNNNN`, so what is shown is what was recorded. Tab and line feed stay.
 */
export function visibleText(text: string): string {
  return text.replace(CONTROLS, hex2).replace(BIDI, hex4);
}

/** One line of text a person reads: `visibleText`, and line breaks and tabs as `\n` / `\t` too. */
export function visibleLine(text: string): string {
  return visibleText(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/**
 * JSON text (from `JSON.stringify`) with C1 controls, DEL, U+2028/U+2029 and bidi formatting
 * characters written as `\uNNNN` as well: `JSON.stringify` escapes only U+0000–U+001F. These
 * characters only occur inside string literals, so the replacement is always valid JSON.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, hex4);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value: the five special characters as entities, controls visible. */
export function htmlText(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Markdown text (CommonMark / GitHub): every ASCII punctuation character backslash-escaped
 * ("Any ASCII punctuation character may be backslash-escaped", CommonMark 0.31 §2.4), so no
 * emphasis, link, image, HTML tag, autolink or entity can form; controls visible; line breaks
 * kept as spaces (a value never starts a block).
 */
export function markdownText(text: string): string {
  return visibleLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** Longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * Inline Markdown code: nothing inside a code span is interpreted. The fence is one backtick
 * longer than the longest run inside, with padding spaces (CommonMark §6.1).
 */
export function markdownCode(text: string): string {
  const line = visibleLine(text);
  const fence = '`'.repeat(longestBacktickRun(line) + 1);
  return `${fence} ${line} ${fence}`;
}

/** A fenced Markdown code block (literal content), the fence longer than any backtick run inside. */
export function markdownFence(text: string, info = ''): string {
  const body = visibleText(text);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}
