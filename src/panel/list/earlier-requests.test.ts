import { describe, expect, it, vi } from 'vitest';
import { applyMessage } from '../state/apply-message.ts';
import { createPanelStore } from '../state/store.ts';
import { countExpression, watchEarlierRequests, type InspectedPage } from './earlier-requests.ts';

const TAB = { tabId: 7, recording: true, preserveLog: false, capacity: 5000, evicted: 0 };

function fakePage(answer: unknown): InspectedPage & { asked: string[]; navigate(): void } {
  const asked: string[] = [];
  let listener: (() => void) | null = null;
  return {
    asked,
    evaluate: (expression) => {
      asked.push(expression);
      return Promise.resolve(answer);
    },
    onNavigated: (l) => {
      listener = l;
      return () => (listener = null);
    },
    navigate: () => listener?.(),
  };
}

describe('requests made before recording began', () => {
  it('asks the page once its recording start is known, and a navigation starts afresh', async () => {
    const store = createPanelStore({ tabId: 7 });
    const page = fakePage(3);
    watchEarlierRequests(store, page);
    expect(page.asked).toEqual([]);
    applyMessage(store, { type: 'snapshot', state: { ...TAB, recordingSince: 1_700_000_000_000 }, records: [] });
    await vi.waitFor(() => expect(store.get().earlierRequests).toBe(3));
    expect(page.asked).toEqual([countExpression(1_700_000_000_000)]);
    // The same start is not asked about again.
    applyMessage(store, { type: 'state', state: { ...TAB, recordingSince: 1_700_000_000_000, recording: false } });
    expect(page.asked).toHaveLength(1);
    page.navigate();
    expect(store.get().earlierRequests).toBe(0);
  });

  it.each([
    ['no inspected page (the pop-out)', null],
    ['an answer that is not a count', 'oops'],
    ['no requests', 0],
  ])('says nothing with %s', async (_what, answer) => {
    const store = createPanelStore({ tabId: 7 });
    const page = answer === null ? { evaluate: () => null, onNavigated: () => null } : fakePage(answer);
    watchEarlierRequests(store, page);
    applyMessage(store, { type: 'snapshot', state: { ...TAB, recordingSince: 1 }, records: [] });
    await Promise.resolve();
    expect(store.get().earlierRequests).toBe(0);
  });
});
