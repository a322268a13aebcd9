/**
 * The list's preferences, remembered per browser profile (extension `storage.local`, see
 * ../list/persist-prefs.ts): which columns show, their widths, and the sort. Plain data with a
 * guard, since storage is a boundary.
 */

/** The list's columns, in order. */
export const COLUMN_IDS = ['status', 'method', 'url', 'type', 'initiator', 'verdict', 'flags', 'time'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export type SortDirection = 'ascending' | 'descending';

export interface SortSpec {
  readonly column: ColumnId;
  readonly direction: SortDirection;
}

export interface ListPrefs {
  readonly hidden: readonly ColumnId[];
  /** Widths in CSS pixels of the columns the user resized; the others keep their default. */
  readonly widths: Readonly<Partial<Record<ColumnId, number>>>;
  /** Null: the order the requests were made in (like DevTools before a header is clicked). */
  readonly sort: SortSpec | null;
}

export const DEFAULT_LIST_PREFS: ListPrefs = { hidden: [], widths: {}, sort: null };

/** Column widths stay within these bounds. */
export const MIN_COLUMN_WIDTH = 36;
export const MAX_COLUMN_WIDTH = 2000;

function isColumnId(v: unknown): v is ColumnId {
  return typeof v === 'string' && (COLUMN_IDS as readonly string[]).includes(v);
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
}

/** Reads stored preferences, keeping what is valid and defaulting the rest. */
export function readListPrefs(value: unknown): ListPrefs {
  if (typeof value !== 'object' || value === null) return DEFAULT_LIST_PREFS;
  const v = value as Record<string, unknown>;
  const hidden = Array.isArray(v['hidden']) ? v['hidden'].filter(isColumnId).filter((id) => id !== 'url') : [];
  const widths: Partial<Record<ColumnId, number>> = {};
  if (typeof v['widths'] === 'object' && v['widths'] !== null) {
    for (const [id, width] of Object.entries(v['widths'])) if (isColumnId(id) && typeof width === 'number' && Number.isFinite(width)) widths[id] = clampWidth(width);
  }
  const s = v['sort'];
  let sort: SortSpec | null = null;
  if (typeof s === 'object' && s !== null) {
    const { column, direction } = s as Record<string, unknown>;
    if (isColumnId(column) && (direction === 'ascending' || direction === 'descending')) sort = { column, direction };
  }
  return { hidden: [...new Set(hidden)], widths, sort };
}
