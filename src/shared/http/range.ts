/**
 * https://fetch.spec.whatwg.org/#simple-range-header-value with allowWhitespace = false, as used by
 * the `Range` rule of https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
 */
export interface SimpleRange {
  readonly start: number | null;
  readonly end: number | null;
}

export function parseSingleRange(value: string): SimpleRange | null {
  const m = /^bytes=(\d*)-(\d*)$/i.exec(value);
  if (m === null) return null;
  const startText = m[1] ?? '';
  const endText = m[2] ?? '';
  const start = startText === '' ? null : Number(startText);
  const end = endText === '' ? null : Number(endText);
  if (start === null && end === null) return null;
  if (start !== null && end !== null && start > end) return null;
  return { start, end };
}
