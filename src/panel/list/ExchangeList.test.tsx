import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from '@testing-library/preact';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { allowedGet } from '../testing/fixtures.ts';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

function many(n: number): ExchangeRecord[] {
  return Array.from({ length: n }, (_, i) => allowedGet(i + 1, `ex-${i}`));
}

describe('exchange list', () => {
  it('shows status, method, URL, origins, the verdict in a few words and badges', () => {
    renderPanel();
    const rows = screen.getAllByTestId('exchange-row');
    expect(rows).toHaveLength(5);
    const put = rows.find((r) => r.dataset['id'] === 'ex-put')!;
    expect(within(put).getByRole('img').getAttribute('aria-label')).toBe('Blocked by CORS');
    expect(put.textContent).toContain('PUT');
    expect(put.querySelector('.url-path')?.textContent).toBe('/api/items/42');
    expect(put.querySelector('.cell-origins')?.textContent).toContain('localhost:8000 → 127.0.0.1:3000');
    expect(put.querySelector('.cell-verdict')?.textContent).toBe('Preflight: Allow-Headers lacks content-type');
    const cached = rows.find((r) => r.dataset['id'] === 'ex-cached')!;
    expect([...cached.querySelectorAll('.badge')].map((b) => b.textContent)).toEqual(['preflight cached', 'credentials']);
    expect(screen.getByTestId('status-bar').textContent).toContain('5 exchanges');
  });

  it('renders only a window of rows for a long log', () => {
    renderPanel({ records: many(10_000) });
    const rendered = screen.getAllByTestId('exchange-row');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(80);
    expect(rendered[0]?.getAttribute('aria-setsize')).toBe('10000');
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
