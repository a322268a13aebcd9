/**
 * "Try a fix" keeps each proposed change as an editable draft: the status as typed and the header
 * lines as one text, one `Name: value` per line. A draft becomes a `ServerChange` again for the
 * evaluator: lines without a name and a colon are dropped, and a status that is not a number in
 * 100–599 leaves the response's own status.
 */
import type { ServerChange } from '../../shared/cors/index.ts';
import { splitHeaderLine } from '../../shared/cors/index.ts';

export interface ChangeDraft {
  readonly change: ServerChange;
  /** The status as typed; empty keeps the response's own. */
  readonly status: string;
  /** The header lines, one per line. */
  readonly headers: string;
}

export function draftsOf(changes: readonly ServerChange[]): ChangeDraft[] {
  return changes.map((change) => ({ change, status: change.status === undefined ? '' : String(change.status), headers: change.headers.join('\n') }));
}

function statusOf(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

export function changesOf(drafts: readonly ChangeDraft[]): ServerChange[] {
  return drafts.map(({ change, status, headers }) => {
    const { status: _proposed, ...rest } = change;
    const typed = statusOf(status);
    const lines = headers
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => splitHeaderLine(l) !== null);
    return { ...rest, ...(typed === undefined ? {} : { status: typed }), headers: lines };
  });
}
