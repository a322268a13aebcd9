/**
 * JSON rendering of a Report: pretty-printed (two spaces), ending with a newline. Beyond what
 * `JSON.stringify` escapes (U+0000–U+001F), C1 controls, DEL, bidi formatting characters and
 * U+2028/U+2029 are written as `\u` escapes too: some terminals act on C1 controls.
 *
 * `jsonChunks` yields the same text piece by piece — the envelope, then one exchange at a time —
 * so a large report never has to exist as one string (V8 caps strings near 512 MiB).
 */
import type { Report, ReportExchange } from './types.ts';
import { escapeJsonControls } from '../handoff/inert.ts';

export function* jsonChunks(report: Report): Generator<string> {
  const { exchanges, ...envelope } = report;
  yield* jsonChunksOf(envelope, exchanges);
}

/** `jsonChunks` of a report given as its envelope and its rows, each row rendered as it comes (and then let go). */
export function* jsonChunksOf(envelope: Omit<Report, 'exchanges'>, rows: Iterable<ReportExchange>): Generator<string> {
  const iterator = rows[Symbol.iterator]();
  let next = iterator.next();
  if (next.done === true) {
    yield `${escapeJsonControls(JSON.stringify({ ...envelope, exchanges: [] }, null, 2))}\n`;
    return;
  }
  // `exchanges` is the envelope's last field: open its array where `[]` would be.
  const head = escapeJsonControls(JSON.stringify({ ...envelope, exchanges: [] }, null, 2));
  yield `${head.slice(0, head.lastIndexOf('[]'))}[\n`;
  while (next.done !== true) {
    // JSON text has no raw newlines inside strings, so re-indenting line by line is safe.
    const item = escapeJsonControls(JSON.stringify(next.value, null, 2)).replace(/\n/g, '\n    ');
    next = iterator.next();
    yield `    ${item}${next.done === true ? '\n' : ',\n'}`;
  }
  yield '  ]\n}\n';
}

export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
