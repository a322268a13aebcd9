import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreferenceArea } from '../../platform/apis.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { setColumnWidth, setSort } from '../state/list-actions.ts';
import { createPanelStore } from '../state/store.ts';
import { allFixtures, allowedGet } from '../testing/fixtures.ts';
import { renderPanel } from '../testing/render-panel.tsx';
import { LIST_PREFS_KEY, persistListPrefs } from './persist-prefs.ts';

afterEach(cleanup);

/** `n` allowed GETs, each to its own URL (`…&n=<i>`). */
function many(n: number): ExchangeRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const r = allowedGet(i + 1, `ex-${i}`);
    const legs = r.exchange.legs.map((leg) => ({ ...leg, request: { ...leg.request, url: `${leg.request.url}&n=${i}` } }));
    return { ...r, exchange: { ...r.exchange, legs } };
  });
}

/** The fixtures, with who made them as the capture would say. */
function withInitiators(): ExchangeRecord[] {
  return allFixtures().map((r) =>
    r.id === 'ex-cached' ? { ...r, initiator: { kind: 'service-or-shared-worker', sharedByTabs: 2 } } : r.id === 'ex-same' ? r : { ...r, initiator: { kind: 'page' } },
  );
}

const shownIds = (): string[] => screen.getAllByTestId('exchange-row').map((r) => r.dataset['id'] ?? '');
const headerTitles = (): string[] => [...screen.getByTestId('list-header').querySelectorAll('.header-title')].map((t) => t.textContent ?? '');
const cellOf = (id: string, column: string): string => screen.getAllByTestId('exchange-row').find((r) => r.dataset['id'] === id)?.querySelector(`.cell-${column}`)?.textContent ?? '';

function memoryArea(): PreferenceArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
  };
}

describe('exchange list', () => {
  it('shows DevTools’ columns: Status, Method, URL, Type, Initiator, Verdict, Flags, Time', () => {
    renderPanel({ records: withInitiators() });
    expect(headerTitles()).toEqual(['Status', 'Method', 'URL', 'Type', 'Initiator', 'Verdict', 'Flags', 'Time']);
    const put = screen.getAllByTestId('exchange-row').find((r) => r.dataset['id'] === 'ex-put')!;
    expect(within(put).getByRole('img').getAttribute('aria-label')).toBe('Blocked by CORS');
    expect(cellOf('ex-put', 'status')).toContain('(blocked)');
    expect(cellOf('ex-get', 'status')).toContain('200');
    expect(cellOf('ex-put', 'method')).toBe('PUT');
    expect(put.querySelector('.url-path')?.textContent).toBe('/api/items/42');
    expect(cellOf('ex-put', 'type')).toBe('fetch');
    expect(cellOf('ex-redirect', 'type')).toBe('fetch/xhr');
    expect(cellOf('ex-put', 'initiator')).toBe('pagelocalhost:8000');
    expect(cellOf('ex-cached', 'initiator')).toContain('service/shared worker (2 tabs)');
    expect(cellOf('ex-same', 'initiator')).toContain('—');
    expect(cellOf('ex-put', 'verdict')).toBe('Preflight: Allow-Headers lacks content-type');
    expect(cellOf('ex-get', 'time')).toBe('12 ms');
    const cached = screen.getAllByTestId('exchange-row').find((r) => r.dataset['id'] === 'ex-cached')!;
    // its cross-site `Set-Cookie: seen=1` has no SameSite: Chromium refuses it (Lax by default)
    expect([...cached.querySelectorAll('.badge')].map((b) => b.textContent)).toEqual(['preflight cached', 'credentials', 'cookie']);
    expect(cached.querySelector('.cell-initiator')?.getAttribute('title')).toMatch(/does not say which, nor which page/);
    expect(screen.getByTestId('status-bar').textContent).toContain('5 exchanges');
  });

  it('sorts by a header: ascending, descending, then the order the requests were made in', () => {
    renderPanel();
    expect(shownIds()).toEqual(['ex-get', 'ex-put', 'ex-cached', 'ex-redirect', 'ex-same']);
    const method = screen.getByRole('button', { name: 'Sort by Method' });
    fireEvent.click(method);
    expect(shownIds()).toEqual(['ex-get', 'ex-redirect', 'ex-same', 'ex-put', 'ex-cached']);
    expect(screen.getByRole('button', { name: 'Sort by Method (sorted ascending)' })).toBe(method);
    fireEvent.click(method);
    expect(shownIds()).toEqual(['ex-put', 'ex-cached', 'ex-get', 'ex-redirect', 'ex-same']);
    fireEvent.click(method);
    expect(shownIds()).toEqual(['ex-get', 'ex-put', 'ex-cached', 'ex-redirect', 'ex-same']);
    // Status: blocked first; Time: the untimed last whichever the direction.
    fireEvent.click(screen.getByRole('button', { name: 'Sort by Status' }));
    expect(shownIds().slice(0, 2)).toEqual(['ex-put', 'ex-redirect']);
    fireEvent.click(screen.getByRole('button', { name: 'Sort by Time' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sort by Time (sorted ascending)' }));
    expect(shownIds()[0]).toBe('ex-cached');
  });

  it('keeps the selection and the arrow keys in the sorted order', () => {
    const { store } = renderPanel();
    act(() => setSort(store, { column: 'method', direction: 'descending' }));
    const listbox = screen.getByRole('listbox', { name: /Cross-origin exchanges/ });
    fireEvent.keyDown(listbox, { key: 'Home' });
    expect(store.get().selectedId).toBe('ex-put');
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    expect(store.get().selectedId).toBe('ex-cached');
  });

  it('resizes a column by dragging its edge, or with the arrow keys on it', () => {
    const { store } = renderPanel();
    const handle = screen.getByRole('separator', { name: 'Resize Method' });
    expect(handle.getAttribute('aria-valuenow')).toBe('64');
    fireEvent.pointerDown(handle, { button: 0, clientX: 100 });
    fireEvent.pointerMove(document, { clientX: 150 });
    fireEvent.pointerUp(document);
    expect(store.get().list.widths.method).toBe(114);
    fireEvent.pointerMove(document, { clientX: 400 });
    expect(store.get().list.widths.method).toBe(114);
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(screen.getByRole('separator', { name: 'Resize Method' }).getAttribute('aria-valuenow')).toBe('122');
    fireEvent.keyDown(handle, { key: 'ArrowLeft', shiftKey: true });
    expect(store.get().list.widths.method).toBe(82);
    const list = screen.getByTestId('exchange-list');
    expect(list.style.getPropertyValue('--list-columns')).toContain(' 82px ');
    fireEvent.keyDown(handle, { key: 'Home' });
    expect(store.get().list.widths.method).toBe(64);
    // Never narrower than a glyph.
    act(() => setColumnWidth(store, 'method', 3));
    expect(store.get().list.widths.method).toBe(36);
  });

  it('hides and shows columns from the header’s context menu (the URL always shows), and resets them', () => {
    renderPanel();
    fireEvent.contextMenu(screen.getByTestId('list-header'), { clientX: 20, clientY: 10 });
    const menu = screen.getByRole('menu', { name: 'Columns' });
    const items = within(menu).getAllByRole('menuitemcheckbox');
    expect(items.map((i) => [i.textContent?.replace('✓', ''), i.getAttribute('aria-checked')])).toEqual([
      ['Status', 'true'],
      ['Method', 'true'],
      ['URL', 'true'],
      ['Type', 'true'],
      ['Initiator', 'true'],
      ['Verdict', 'true'],
      ['Flags', 'true'],
      ['Time', 'true'],
    ]);
    expect((items[2] as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(menu).getByRole('menuitemcheckbox', { name: /Type/ }));
    fireEvent.click(within(menu).getByRole('menuitemcheckbox', { name: /Flags/ }));
    expect(headerTitles()).toEqual(['Status', 'Method', 'URL', 'Initiator', 'Verdict', 'Time']);
    expect(screen.getAllByTestId('exchange-row')[0]?.querySelector('.cell-type')).toBeNull();
    expect(within(menu).getByRole('menuitemcheckbox', { name: /Type/ }).getAttribute('aria-checked')).toBe('false');
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'Reset columns' }));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(headerTitles()).toHaveLength(8);
  });

  it('opens the columns menu from the keyboard (Shift+F10 on a header)', () => {
    renderPanel();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Sort by URL' }), { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu', { name: 'Columns' });
    expect(document.activeElement).toBe(within(menu).getAllByRole('menuitemcheckbox')[0]);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('remembers columns, widths and sort per profile (storage.local)', async () => {
    const area = memoryArea();
    const first = createPanelStore();
    const stop = await persistListPrefs(first, area);
    act(() => {
      setColumnWidth(first, 'verdict', 400);
      setSort(first, { column: 'time', direction: 'descending' });
    });
    await waitFor(() => expect(area.data[LIST_PREFS_KEY]).toEqual({ hidden: [], widths: { verdict: 400 }, sort: { column: 'time', direction: 'descending' } }));
    stop();
    // Another panel, later, in the same profile.
    const { store } = renderPanel();
    await persistListPrefs(store, area);
    expect(store.get().list.widths.verdict).toBe(400);
    expect(screen.getByRole('button', { name: 'Sort by Time (sorted descending)' })).toBeDefined();
    // What storage holds is read as a boundary: junk is dropped, the rest kept.
    area.data[LIST_PREFS_KEY] = { hidden: ['url', 'type', 'nope'], widths: { method: 'wide', time: 90 }, sort: { column: 'x' } };
    const third = createPanelStore();
    await persistListPrefs(third, area);
    expect(third.get().list).toEqual({ hidden: ['type'], widths: { time: 90 }, sort: null });
  });

  // Building 10,000 judged fixtures takes seconds on a busy machine.
  it('renders only a window of rows for a long log', { timeout: 30_000 }, () => {
    renderPanel({ records: many(10_000) });
    const rendered = screen.getAllByTestId('exchange-row');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(80);
    expect(rendered[0]?.getAttribute('aria-setsize')).toBe('10000');
  });

  it('sorts a long log and still renders only a window', { timeout: 30_000 }, () => {
    const { store } = renderPanel({ records: many(10_000) });
    act(() => setSort(store, { column: 'url', direction: 'descending' }));
    const rendered = screen.getAllByTestId('exchange-row');
    expect(rendered.length).toBeLessThan(80);
    expect(rendered[0]?.dataset['id']).toBe('ex-9999');
  });

  it('selects with the mouse and the arrow keys, Esc deselects', () => {
    const { store } = renderPanel();
    fireEvent.mouseDown(screen.getAllByTestId('exchange-row')[0]!, { button: 0 });
    expect(store.get().selectedId).toBe('ex-get');
    const listbox = screen.getByRole('listbox');
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    expect(store.get().selectedId).toBe('ex-put');
    expect(listbox.getAttribute('aria-activedescendant')).toBe('row-ex-put');
    fireEvent.keyDown(listbox, { key: 'End' });
    expect(store.get().selectedId).toBe('ex-same');
    fireEvent.keyDown(listbox, { key: 'Escape' });
    expect(store.get().selectedId).toBeNull();
  });

  it('offers row actions in a context menu', () => {
    renderPanel();
    const put = screen.getAllByTestId('exchange-row').find((r) => r.dataset['id'] === 'ex-put')!;
    fireEvent.contextMenu(put, { clientX: 10, clientY: 10 });
    const menu = screen.getByRole('menu', { name: 'Exchange actions' });
    const labels = within(menu).getAllByRole('menuitem').map((i) => i.getAttribute('aria-label'));
    expect(labels).toEqual([
      'Copy URL',
      "Copy Chrome's console message",
      "Copy Firefox's console message",
      'Copy preflight as cURL (bash)',
      'Copy as cURL (bash)',
      'Copy as cURL (bash), redacted',
      'Copy as fetch()',
      'Show only 127.0.0.1:3000',
      'Show only PUT requests',
      'Export this exchange as JSON',
      'Export this exchange as Markdown',
      'Export this exchange as HTML',
    ]);
  });
});

describe('context menu from the keyboard', () => {
  it('Shift+F10 opens the menu for the selected row; Esc closes it', () => {
    renderPanel();
    const listbox = screen.getByRole('listbox');
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    fireEvent.keyDown(listbox, { key: 'F10', shiftKey: true });
    const menu = screen.getByRole('menu', { name: 'Exchange actions' });
    expect(within(menu).getAllByRole('menuitem')[0]?.getAttribute('aria-label')).toBe('Copy URL');
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

describe('requests made before recording began', () => {
  it('says a reload records them, in DevTools’ words, with its "Reload page" button', () => {
    const { calls } = renderPanel({ state: { earlierRequests: 3 } });
    const notice = screen.getByTestId('earlier-requests');
    expect(notice.textContent).toContain('This page made 3 cross-origin requests before recording began; they are not in this list.');
    expect(notice.textContent).toContain('Perform a request or reload the page by using the “Reload page” button or by pressing Ctrl + R.');
    fireEvent.click(within(notice).getByRole('button', { name: 'Reload page' }));
    expect(calls).toEqual([{ name: 'reloadPage', args: [] }]);
    expect(screen.queryByTestId('earlier-requests')).toBeNull();
  });

  it('the empty list says the same, with the same button', () => {
    const { calls } = renderPanel({ records: [] });
    const empty = screen.getByTestId('empty-state');
    expect(empty.textContent).toContain('Currently recording network activity');
    fireEvent.click(within(empty).getByRole('button', { name: 'Reload page' }));
    expect(calls).toEqual([{ name: 'reloadPage', args: [] }]);
  });
});
