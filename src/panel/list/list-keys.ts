/**
 * The keys of a listbox of exchanges (the list and the timeline): the arrows, Page Up/Down, Home
 * and End move the selection, Enter opens the details, Esc deselects, and Shift+F10 or the menu
 * key asks for the selected row's context menu.
 */
import { moveSelection, select } from '../state/actions.ts';
import type { PanelStore } from '../state/store.ts';

/** Keys that move the selection, and by how many rows (a page is computed from the viewport). */
const STEPS: Readonly<Record<string, number | 'page' | 'start' | 'end'>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 'page',
  PageUp: 'page',
  Home: 'start',
  End: 'end',
};

export interface ListKeys {
  readonly store: PanelStore;
  /** The ids of the rows, in the order shown. */
  readonly ids: () => readonly string[];
  readonly selectedId: string | null;
  /** How many rows a Page Up/Down moves. */
  readonly pageRows: number;
  readonly onOpen: () => void;
  readonly onMenu?: (id: string) => void;
}

export function listKeyDown(keys: ListKeys): (e: KeyboardEvent) => void {
  return (e) => {
    const { store, selectedId } = keys;
    const step = STEPS[e.key];
    if (step !== undefined) {
      e.preventDefault();
      const ids = keys.ids();
      if (step === 'start') select(store, ids[0] ?? null);
      else if (step === 'end') select(store, ids[ids.length - 1] ?? null);
      else if (step === 'page') moveSelection(store, ids, e.key === 'PageUp' ? -keys.pageRows : keys.pageRows);
      else moveSelection(store, ids, step);
    } else if (e.key === 'Enter' && selectedId !== null) {
      e.preventDefault();
      keys.onOpen();
    } else if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && selectedId !== null && keys.onMenu) {
      e.preventDefault();
      keys.onMenu(selectedId);
    } else if (e.key === 'Escape' && selectedId !== null) {
      e.preventDefault();
      select(store, null);
    }
  };
}
