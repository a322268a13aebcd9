/**
 * Worker events wait for the next animation frame and enter the store together: a burst of
 * deltas costs one store update, one filter pass and one render per frame, not one per delta,
 * and frames that apply events are at least MIN_APPLY_INTERVAL_MS apart.
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

/** The least time between two live renders: a burst costs at most ten renders a second. */
export const MIN_APPLY_INTERVAL_MS = 100;

/**
 * `frames`, but a callback runs no sooner than `minMs` after the previous one ran: during a burst
 * the panel renders a few times a second instead of every frame (each render restyles and lays
 * out the list, which competes with the inspected page for the CPU). After a quiet spell the
 * first event still shows on the next frame.
 */
export function spacedFrames(
  frames: FrameScheduler,
  minMs: number,
  now: () => number = () => performance.now(),
  delay: (callback: () => void, ms: number) => () => void = (callback, ms) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
): FrameScheduler {
  let last = -Infinity;
  return {
    schedule(callback) {
      let cancel = (): void => {};
      const inFrame = (): void => {
        cancel = frames.schedule(() => {
          last = now();
          callback();
        });
      };
      const wait = last + minMs - now();
      if (wait > 0) cancel = delay(inFrame, wait);
      else inFrame();
      return () => cancel();
    },
  };
}

export interface EventBatcher {
  push(event: WorkerEvent): void;
  /** Applies what waits now (before a synchronous read of the store). */
  flush(): void;
  close(): void;
}

export function createEventBatcher(apply: (events: readonly WorkerEvent[]) => void, scheduler: FrameScheduler = spacedFrames(animationFrames, MIN_APPLY_INTERVAL_MS)): EventBatcher {
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
