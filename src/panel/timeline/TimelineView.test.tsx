import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { setView } from '../state/actions.ts';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

describe('timeline without a mouse', () => {
  it('is reached with Tab and read lane by lane with the arrows; Enter opens the details, Esc leaves them', () => {
    const { store } = renderPanel();
    act(() => setView(store, 'timeline'));
    const timeline = screen.getByRole('listbox', { name: /Timeline, 5 exchanges/ });
    expect(timeline.tabIndex).toBe(0);
    timeline.focus();
    fireEvent.keyDown(timeline, { key: 'ArrowDown' });
    expect(store.get().selectedId).toBe('ex-get');
    fireEvent.keyDown(timeline, { key: 'ArrowDown' });
    expect(store.get().selectedId).toBe('ex-put');
    const active = document.getElementById(timeline.getAttribute('aria-activedescendant') ?? '');
    expect(active?.getAttribute('aria-selected')).toBe('true');
    // The lane in words: request, verdict, each segment with when it started and how long it took.
    expect(active?.getAttribute('aria-label')).toBe(
      'PUT /api/items/42, Preflight: Allow-Headers lacks content-type: Preflight OPTIONS · 204 at 101 ms for 8 ms; PUT · not completed (failed) at 100 ms',
    );
    fireEvent.keyDown(timeline, { key: 'End' });
    expect(store.get().selectedId).toBe('ex-same');
    fireEvent.keyDown(timeline, { key: 'Home' });
    expect(store.get().selectedId).toBe('ex-get');
    fireEvent.keyDown(timeline, { key: 'Enter' });
    expect(document.activeElement?.getAttribute('role')).toBe('tab');
    expect(screen.getByRole('tabpanel', { name: /Explanation/ })).toBeDefined();
    fireEvent.keyDown(timeline, { key: 'Escape' });
    expect(store.get().selectedId).toBeNull();
  });
});
