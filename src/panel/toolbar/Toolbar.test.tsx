import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { setView } from '../state/actions.ts';
import { cachedPreflightPut, sourcePut } from '../testing/fixtures.ts';
import { renderPanel } from '../testing/render-panel.tsx';

/** When `sourcePut`'s preflight response arrived (fixtures' T0 + 120 ms). */
const CACHED_AT = 1_763_780_000_120;

afterEach(cleanup);

const shownIds = (): string[] => screen.queryAllByTestId('exchange-row').map((r) => r.dataset['id'] ?? '');

describe('toolbar', () => {
  it('filters as you type, with tokens, and says when everything is filtered out', () => {
    renderPanel();
    const filter = screen.getByRole('combobox', { name: 'Filter exchanges' });
    fireEvent.input(filter, { target: { value: 'status:blocked' } });
    expect(shownIds()).toEqual(['ex-put', 'ex-redirect']);
    fireEvent.input(filter, { target: { value: 'method:PUT -status:blocked' } });
    expect(shownIds()).toEqual(['ex-cached']);
    fireEvent.input(filter, { target: { value: 'nothing-matches-this' } });
    expect(screen.getByTestId('empty-state').textContent).toContain('No exchanges match');
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    expect(shownIds()).toHaveLength(5);
  });

  it('"Failures only" keeps blocked exchanges', () => {
    renderPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Failures only' }));
    expect(shownIds()).toEqual(['ex-put', 'ex-redirect']);
    expect(screen.getByTestId('status-bar').textContent).toContain('2 / 5 exchanges');
  });

  it('sends record, clear and preserve-log requests', () => {
    const { calls } = renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Stop recording' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Preserve log' }));
    expect(calls).toEqual([
      { name: 'setRecording', args: [false] },
      { name: 'clear', args: [] },
      { name: 'setPreserveLog', args: [true] },
    ]);
  });

  it('Ctrl+F focuses the filter; Export opens a format menu', () => {
    const { calls } = renderPanel();
    fireEvent.keyDown(document, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Filter exchanges' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'JSON report (.json)' }));
    expect(calls.map((c) => c.name)).toEqual(['exportReport']);
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('switches to the timeline and the preflight-cache view', () => {
    renderPanel();
    fireEvent.click(screen.getByRole('tab', { name: 'Timeline' }));
    expect(screen.getAllByTestId('timeline-lane')).toHaveLength(5);
    fireEvent.click(screen.getByRole('tab', { name: 'Preflight cache' }));
    expect(screen.getByTestId('cache-view').textContent).toContain('No preflights cached yet');
  });
});

describe('preflight cache view', () => {
  it('lists a cached preflight with both lifetimes, a countdown and the request it served', async () => {
    const { store } = renderPanel({ records: [sourcePut(), cachedPreflightPut(3)], now: CACHED_AT + 100_000 });
    act(() => setView(store, 'cache'));
    const entry = screen.getByTestId('cache-entry');
    const cells = within(entry).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[1]).toBe('PUT');
    expect(cells[3]).toBe('600');
    expect(cells[4]).toBe('600 s · 8 min 20 s left');
    expect(cells[5]).toBe('600 s · 8 min 20 s left');
    expect(cells[6]).toBe('PUT, 180 ms after');
    fireEvent.click(within(entry).getByRole('button', { name: 'PUT, 180 ms after' }));
    expect(store.get().selectedId).toBe('ex-cached');
  });
});
