import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { setImporting } from '../state/actions.ts';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

describe('import progress', () => {
  it('shows reading, then exchanges evaluated of how many, with a Cancel button that asks to cancel', () => {
    const { store, calls } = renderPanel();
    expect(screen.queryByTestId('import-progress')).toBeNull();
    act(() => setImporting(store, { name: 'big.har', done: 0, total: null }));
    const bar = screen.getByTestId('import-progress');
    expect(bar.textContent).toContain('Reading big.har…');
    const progress = within(bar).getByRole('progressbar', { name: 'Importing big.har' });
    expect(progress.hasAttribute('value')).toBe(false);

    act(() => setImporting(store, { name: 'big.har', done: 500, total: 2000 }));
    expect(screen.getByTestId('import-progress').textContent).toContain('Evaluating big.har: 500 of 2000 exchanges');
    expect(progress.getAttribute('value')).toBe('500');
    expect(progress.getAttribute('max')).toBe('2000');

    fireEvent.click(within(screen.getByTestId('import-progress')).getByRole('button', { name: 'Cancel' }));
    expect(calls.map((c) => c.name)).toEqual(['cancelImport']);
    act(() => setImporting(store, null));
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });
});
