/**
 * Remembers the list's preferences (columns, widths, sort) per browser profile: read from
 * `storage.local` when the panel opens, written back a moment after they change (a column drag
 * changes them on every pointer move).
 */
import type { PreferenceArea } from '../../platform/apis.ts';
import { setListPrefs } from '../state/list-actions.ts';
import { readListPrefs, type ListPrefs } from '../state/list-prefs.ts';
import type { PanelStore } from '../state/store.ts';

export const LIST_PREFS_KEY = 'panel.list';
const WRITE_DELAY_MS = 300;

/** Applies the stored preferences, then keeps storing the store's; resolves with the stop function. */
export async function persistListPrefs(store: PanelStore, area: PreferenceArea): Promise<() => void> {
  try {
    const stored = await area.get(LIST_PREFS_KEY);
    setListPrefs(store, readListPrefs(stored[LIST_PREFS_KEY]));
  } catch {
    // Unreadable storage: the defaults stay.
  }
  let written: ListPrefs = store.get().list;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = (): void => {
    timer = null;
    written = store.get().list;
    void area.set({ [LIST_PREFS_KEY]: written }).catch(() => undefined);
  };
  const unsubscribe = store.subscribe(() => {
    if (store.get().list === written || timer !== null) return;
    timer = setTimeout(write, WRITE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) {
      clearTimeout(timer);
      write();
    }
  };
}
