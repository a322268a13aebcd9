/**
 * Sorting the list by a column, as DevTools' Network panel does when a header is clicked. Each
 * column's key is read once per record per sort; ties keep the order the requests were made in.
 */
import type { LogRecord } from '../../shared/protocol/messages.ts';
import type { FilterRow } from './filter-keys.ts';
import type { RowStatus } from './filter-fields.ts';
import { initiatorLabel } from './initiator-label.ts';
import type { ColumnId, SortSpec } from './list-prefs.ts';
import { resourceTypeLabel } from './resource-types.ts';

type SortKey = string | number | null;

/** Blocked first when ascending: what the user came for. */
const STATUS_RANK: Readonly<Record<RowStatus, number>> = { blocked: 0, pending: 1, allowed: 2, 'not-cors': 3 };

export interface SortInputs {
  readonly row: (record: LogRecord) => FilterRow;
  /** The list's short verdict text (computed only when sorting by it). */
  readonly verdictText: (record: LogRecord) => string;
}

const KEYS: Readonly<Record<ColumnId, (record: LogRecord, inputs: SortInputs) => SortKey>> = {
  status: (r, i) => {
    const { fields } = i.row(r);
    return STATUS_RANK[fields.status] * 1000 + (fields.httpStatus ?? 0);
  },
  method: (r, i) => i.row(r).fields.method,
  url: (r) => r.exchange.legs[0]?.request.url ?? '',
  type: (r, i) => resourceTypeLabel(i.row(r).fields.type),
  initiator: (r, i) => {
    const { fields } = i.row(r);
    return `${initiatorLabel(fields.initiator)} ${fields.initiatorOrigin ?? ''}`;
  },
  verdict: (r, i) => `${STATUS_RANK[i.row(r).fields.status]} ${i.verdictText(r)}`,
  flags: (r, i) => i.row(r).fields.badges.join(' '),
  time: (r, i) => i.row(r).fields.duration,
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Nulls (no value) last whichever the direction. */
function compareKeys(a: SortKey, b: SortKey): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** `records` sorted by `sort` (a new array; the input keeps its order). */
export function sortRecords(records: readonly LogRecord[], sort: SortSpec, inputs: SortInputs): LogRecord[] {
  const keyOf = KEYS[sort.column];
  const keyed = records.map((record, index) => ({ record, index, key: keyOf(record, inputs) }));
  const sign = sort.direction === 'ascending' ? 1 : -1;
  keyed.sort((a, b) => {
    const nullsLast = a.key === null || b.key === null;
    const byKey = nullsLast ? compareKeys(a.key, b.key) : sign * compareKeys(a.key, b.key);
    return byKey !== 0 ? byKey : a.index - b.index;
  });
  return keyed.map((k) => k.record);
}

/** The sort after a click on `column`'s header: ascending, then descending, then none. */
export function nextSort(current: SortSpec | null, column: ColumnId): SortSpec | null {
  if (current === null || current.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}
