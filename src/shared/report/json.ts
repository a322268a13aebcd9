/**
 * JSON rendering of a Report: pretty-printed (two spaces), ending with a newline. Beyond what
 * `JSON.stringify` escapes (U+0000–U+001F), C1 controls, DEL, bidi formatting characters and
 * U+2028/U+2029 are written as `\u` escapes too: some terminals act on C1 controls.
 *
 * `jsonChunks` yields the same text piece by piece — the envelope, then one exchange at a time —
 * so a large report never has to exist as one string (V8 caps strings near 512 MiB).
 */
import type { Report } from './types.ts';
import { escapeJsonControls } from '../handoff/inert.ts';

export function* jsonChunks(report: Report): Generator<string> {
  const { exchanges, ...envelope } = report;
  if (exchanges.length === 0) {
    yield `${escapeJsonControls(JSON.stringify(report, null, 2))}\n`;
    return;
  }
  // `exchanges` is the envelope's last field: open its array where `[]` would be.
  const head = escapeJsonControls(JSON.stringify({ ...envelope, exchanges: [] }, null, 2));
  yield `${head.slice(0, head.lastIndexOf('[]'))}[\n`;
  for (let i = 0; i < exchanges.length; i++) {
    // JSON text has no raw newlines inside strings, so re-indenting line by line is safe.
    const item = escapeJsonControls(JSON.stringify(exchanges[i], null, 2)).replace(/\n/g, '\n    ');
    yield `    ${item}${i === exchanges.length - 1 ? '\n' : ',\n'}`;
  }
  yield '  ]\n}\n';
}

export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
