/**
 * Requests made before recording began are not lost silently. When the panel learns when its
 * tab's recording began (`TabState.recordingSince`), it asks the inspected page how many
 * cross-origin requests it made before then — its Resource Timing entries
 * (https://w3c.github.io/resource-timing/), which every document keeps for its own requests — and
 * the panel says that a reload records them. A navigation starts afresh.
 */
import { setEarlierRequests } from '../state/actions.ts';
import type { PanelStore } from '../state/store.ts';

/** The inspected page, as far as this needs it (DevTools' `inspectedWindow`; absent in the pop-out). */
export interface InspectedPage {
  /** Evaluates an expression in the page; null when there is no page to ask. */
  evaluate(expression: string): Promise<unknown> | null;
  /** Calls `listener` on each navigation; returns the unsubscribe, or null when unavailable. */
  onNavigated(listener: () => void): (() => void) | null;
}

/** Counts, in the page, its cross-origin Resource Timing entries that started before `since` (ms since the epoch). */
export function countExpression(since: number): string {
  return `(() => {
  const since = ${JSON.stringify(since)};
  const page = location.origin;
  const crossOrigin = (url) => { try { return new URL(url).origin !== page; } catch { return false; } };
  return performance.getEntriesByType('resource').filter((e) => performance.timeOrigin + e.startTime < since && crossOrigin(e.name)).length;
})()`;
}

/** Keeps `earlierRequests` up to date for the store's tab; returns the stop function. */
export function watchEarlierRequests(store: PanelStore, page: InspectedPage): () => void {
  let asked: number | undefined;
  const check = (): void => {
    const since = store.get().tab?.recordingSince;
    if (since === undefined || since === asked) return;
    asked = since;
    void page.evaluate(countExpression(since))?.then(
      (count) => setEarlierRequests(store, typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0),
      () => undefined,
    );
  };
  const unsubscribe = store.subscribe(check);
  const stopNavigated = page.onNavigated(() => setEarlierRequests(store, 0));
  check();
  return () => {
    unsubscribe();
    stopNavigated?.();
  };
}
