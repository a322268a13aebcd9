/**
 * Waiting without sleeping: a condition re-checked whenever a recorder reports a change, and the
 * change notifier recorders use.
 */

/**
 * Resolves when `check()` returns true, re-checking whenever `subscribe`'s callback fires;
 * rejects with `describe()` after `timeoutMs`.
 */
export function waitForCondition(
  check: () => boolean,
  subscribe: (onChange: () => void) => () => void,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const unsubscribe = subscribe(() => {
      if (check()) {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      }
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
    }, timeoutMs);
  });
}

/** A tiny change notifier for recorders. */
export class Notifier {
  private listeners = new Set<() => void>();
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  notify(): void {
    for (const fn of [...this.listeners]) fn();
  }
}
