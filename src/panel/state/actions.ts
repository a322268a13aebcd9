/**
 * Panel-local state changes (selection, filter, views, import) — everything that is not a
 * worker event. Requests to the worker go through `PanelActions` (see ../app/actions-context.ts).
 */
import { sanitizeCookieSetting } from '../../shared/cookies/browser-setting.ts';
import type { LogRecord } from '../../shared/protocol/messages.ts';
import { logOf, type DetailsTab, type ImportProgress, type Notice, type PanelStore, type Theme, type View } from './store.ts';

export function setFilterText(store: PanelStore, filterText: string): void {
  store.update((s) => (s.filterText === filterText ? s : { ...s, filterText }));
}

export function setFailuresOnly(store: PanelStore, failuresOnly: boolean): void {
  store.update((s) => (s.failuresOnly === failuresOnly ? s : { ...s, failuresOnly }));
}

/** How many cross-origin requests the page made before recording began (0: none, or after a reload). */
export function setEarlierRequests(store: PanelStore, earlierRequests: number): void {
  store.update((s) => (s.earlierRequests === earlierRequests ? s : { ...s, earlierRequests }));
}

export function select(store: PanelStore, selectedId: string | null): void {
  store.update((s) => (s.selectedId === selectedId ? s : { ...s, selectedId }));
}

export function setView(store: PanelStore, view: View): void {
  store.update((s) => (s.view === view ? s : { ...s, view }));
}

export function setDetailsTab(store: PanelStore, detailsTab: DetailsTab): void {
  store.update((s) => (s.detailsTab === detailsTab ? s : { ...s, detailsTab }));
}

export function setTheme(store: PanelStore, theme: Theme): void {
  store.update((s) => (s.theme === theme ? s : { ...s, theme }));
}

export function setConnection(store: PanelStore, connection: 'connecting' | 'connected' | 'disconnected'): void {
  store.update((s) => (s.connection === connection ? s : { ...s, connection }));
}

/** The worker's answer to `getCookieSetting` (untrusted: validated here). */
export function setCookieSetting(store: PanelStore, answer: unknown): void {
  const next = sanitizeCookieSetting(answer);
  store.update((s) => (JSON.stringify(s.cookieSetting) === JSON.stringify(next) ? s : { ...s, cookieSetting: next }));
}

export function showNotice(store: PanelStore, notice: Notice | null): void {
  store.update((s) => (s.notice === notice ? s : { ...s, notice }));
}

export function setImporting(store: PanelStore, importing: ImportProgress | null): void {
  store.update((s) => (s.importing === importing ? s : { ...s, importing }));
}

/** Shows a HAR's exchanges instead of the live log (the live log keeps recording underneath). */
export function showImported(store: PanelStore, name: string, records: readonly LogRecord[]): void {
  store.update((s) => ({
    ...s,
    imported: { name, ...logOf(records) },
    selectedId: null,
    notice: null,
  }));
}

export function closeImported(store: PanelStore): void {
  store.update((s) => (s.imported === null ? s : { ...s, imported: null, selectedId: null, notice: null }));
}

/** Moves the selection `delta` rows within `ids` (the visible rows), clamping at both ends. */
export function moveSelection(store: PanelStore, ids: readonly string[], delta: number): void {
  if (ids.length === 0) return;
  const current = store.get().selectedId;
  const at = current === null ? -1 : ids.indexOf(current);
  const next = at === -1 ? (delta > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + delta));
  select(store, ids[next] ?? null);
}
