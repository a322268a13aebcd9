/**
 * The report's prose (explanations, notes, warnings) marks code with backticks, as the panel's
 * RichText reads it. Renderers split it into text and code segments and escape each for their
 * format, so a value quoted inside — whatever it holds — stays text.
 */

export interface RichSegment {
  readonly code: boolean;
  readonly text: string;
}

/** `a \`b\` c` → text "a ", code "b", text " c". An unpaired backtick is text. */
export function richSegments(text: string): RichSegment[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [{ code: false, text }];
  return parts.map((part, i) => ({ code: i % 2 === 1, text: part })).filter((s) => s.text !== '');
}
