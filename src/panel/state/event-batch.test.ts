import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../../shared/protocol/messages.ts';
import { createEventBatcher, type FrameScheduler } from './event-batch.ts';

/** A scheduler whose frames run when the test says so. */
function manualFrames(): FrameScheduler & { frame(): void; waiting(): number } {
  let callbacks: (() => void)[] = [];
  return {
    schedule(callback) {
      callbacks.push(callback);
      return () => (callbacks = callbacks.filter((c) => c !== callback));
    },
    frame() {
      const due = callbacks;
      callbacks = [];
      for (const c of due) c();
    },
    waiting: () => callbacks.length,
  };
}

const state = (recording: boolean): WorkerEvent => ({ type: 'state', state: { tabId: 1, recording, preserveLog: false, capacity: 10, evicted: 0 } });

describe('createEventBatcher', () => {
  it('applies every event of a frame together, in order, once per frame', () => {
    const frames = manualFrames();
    const applied: WorkerEvent[][] = [];
    const batcher = createEventBatcher((events) => applied.push([...events]), frames);
    batcher.push(state(true));
    batcher.push(state(false));
    expect(frames.waiting()).toBe(1);
    expect(applied).toEqual([]);
    frames.frame();
    expect(applied).toEqual([[state(true), state(false)]]);
    frames.frame();
    expect(applied).toHaveLength(1);
    batcher.push(state(true));
    frames.frame();
    expect(applied).toEqual([[state(true), state(false)], [state(true)]]);
  });

  it('flush applies what waits at once and cancels the frame; close drops it', () => {
    const frames = manualFrames();
    const applied: WorkerEvent[][] = [];
    const batcher = createEventBatcher((events) => applied.push([...events]), frames);
    batcher.push(state(true));
    batcher.flush();
    expect(applied).toEqual([[state(true)]]);
    expect(frames.waiting()).toBe(0);
    batcher.push(state(false));
    batcher.close();
    frames.frame();
    expect(applied).toHaveLength(1);
  });
});
