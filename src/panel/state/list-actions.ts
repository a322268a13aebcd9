/** Changes to the list's preferences (columns, widths, sort); persisted by ../list/persist-prefs.ts. */
import { clampWidth, DEFAULT_LIST_PREFS, type ColumnId, type ListPrefs, type SortSpec } from './list-prefs.ts';
import type { PanelStore } from './store.ts';

function updateList(store: PanelStore, next: (list: ListPrefs) => ListPrefs): void {
  store.update((s) => {
    const list = next(s.list);
    return list === s.list ? s : { ...s, list };
  });
}

export function setListPrefs(store: PanelStore, list: ListPrefs): void {
  updateList(store, () => list);
}

export function setSort(store: PanelStore, sort: SortSpec | null): void {
  updateList(store, (list) => (list.sort === sort ? list : { ...list, sort }));
}

export function setColumnWidth(store: PanelStore, column: ColumnId, width: number): void {
  const clamped = clampWidth(width);
  updateList(store, (list) => (list.widths[column] === clamped ? list : { ...list, widths: { ...list.widths, [column]: clamped } }));
}

/** Shows or hides a column (the URL column always shows). */
export function setColumnHidden(store: PanelStore, column: ColumnId, hidden: boolean): void {
  if (column === 'url') return;
  updateList(store, (list) => {
    if (list.hidden.includes(column) === hidden) return list;
    return { ...list, hidden: hidden ? [...list.hidden, column] : list.hidden.filter((c) => c !== column) };
  });
}

/** Every column shown at its default width (the sort stays). */
export function resetColumns(store: PanelStore): void {
  updateList(store, (list) => ({ ...DEFAULT_LIST_PREFS, sort: list.sort }));
}
