/**
 * Worker events wait for the next animation frame and enter the store together: a burst of
 * deltas costs one store update, one filter pass and one render per frame, not one per delta.
 * While the page is hidden (DevTools on another panel, a background pop-out) animation frames
 * stop; a slow timer then bounds how long events wait, so the log never falls far behind.
 */
import type { WorkerEvent } from '../../shared/protocol/messages.ts';

export interface FrameScheduler {
  /** Runs `callback` once, soon (the next frame, or the fallback timer); returns a cancel. */
  schedule(callback: () => void): () => void;
}

/** How long events may wait when no frame comes (a hidden page). */
export const HIDDEN_FLUSH_MS = 1000;

export const animationFrames: FrameScheduler = {
  schedule(callback) {
    let done = false;
    const run = (): void => {
      if (done) return;
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      callback();
    };
    const frame = requestAnimationFrame(run);
    const timer = setTimeout(run, HIDDEN_FLUSH_MS);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  },
};

export interface EventBatcher {
  push(event: WorkerEvent): void;
  /** Applies what waits now (before a synchronous read of the store). */
  flush(): void;
  close(): void;
}

export function createEventBatcher(apply: (events: readonly WorkerEvent[]) => void, scheduler: FrameScheduler = animationFrames): EventBatcher {
  let queue: WorkerEvent[] = [];
  let cancel: (() => void) | null = null;
  const flush = (): void => {
    cancel?.();
    cancel = null;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    apply(events);
  };
  return {
    push(event) {
      queue.push(event);
      cancel ??= scheduler.schedule(flush);
    },
    flush,
    close() {
      cancel?.();
      cancel = null;
      queue = [];
    },
  };
}
