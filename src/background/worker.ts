/**
 * The background worker, composed: webRequest → observer → tracker (pairing) → store → port
 * server → panels, with persistence beside the store. Browser APIs come in as arguments, so the
 * whole worker runs in node tests with in-memory ports and a fake webRequest.
 */
import type { BrowserName } from '../shared/model/exchange.ts';
import { CaptureTracker } from '../shared/capture/tracker.ts';
import type { PortLike } from '../shared/protocol/port.ts';
import type { SessionArea, WebRequestEvents } from '../platform/apis.ts';
import { Observer } from './observer.ts';
import { Persistence } from './persistence.ts';
import { PortServer } from './server.ts';
import { ExchangeStore, type Evaluate } from './store.ts';

/**
 * When tracker changes become records and deltas (one message per tab per flush): once the
 * traffic has been quiet for `QUIET_MS`, and at least every `MAX_WAIT_MS` during a burst — so a
 * burst is evaluated and sent in a few large batches, not continuously while the page is busy.
 */
export const QUIET_MS = 120;
export const MAX_WAIT_MS = 1000;
/** How often stalled exchanges are looked for while some may exist. */
export const SWEEP_INTERVAL_MS = 5000;

export interface WorkerDeps {
  readonly browser: BrowserName;
  readonly events: WebRequestEvents;
  readonly session: SessionArea;
  readonly evaluate: Evaluate;
  /** Origins whose requests are never recorded (our own extension pages). */
  readonly ignoreOrigins: readonly string[];
  readonly now?: () => number;
}

export interface BackgroundWorker {
  /** `runtime.onConnect` handler. */
  onConnect(port: PortLike): void;
  /** `tabs.onRemoved` handler. */
  onTabRemoved(tabId: number): void;
  /** Before suspension: apply and persist everything now. */
  suspend(): Promise<void>;
  /** Resolves once persisted logs are restored. */
  readonly ready: Promise<void>;
  readonly store: ExchangeStore;
  readonly tracker: CaptureTracker;
  readonly observer: Observer;
  readonly server: PortServer;
  readonly persistence: Persistence;
}

export function createBackgroundWorker(deps: WorkerDeps): BackgroundWorker {
  const recorder = deps.browser;
  const now = deps.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let isReady = false;
  let sweepTimer: ReturnType<typeof setTimeout> | null = null;
  let firstChange = 0;
  let lastChange = 0;

  const store = new ExchangeStore({ recorder, evaluate: deps.evaluate, hooks: { deltas: () => undefined, changed: () => undefined } });
  const tracker = new CaptureTracker({
    browser: recorder,
    ignoreOrigins: deps.ignoreOrigins,
    // Requests that begin while a tab's recording is stopped are never followed, so none of them
    // is recorded later when recording resumes (even within the same flush window).
    isRecording: (tabId) => store.isRecording(tabId),
    onChange: (x) => {
      store.touch(x);
      lastChange = now();
      schedule();
    },
  });
  const persistence = new Persistence(deps.session, store);

  function flush(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (!isReady) return;
    tracker.sweep(now());
    store.flush();
    // Exchanges the browser may never report an end for (a refused redirect, an orphan
    // preflight) are ended by a later sweep even if the tab goes quiet.
    if (tracker.needsSweep && sweepTimer === null) {
      sweepTimer = setTimeout(() => {
        sweepTimer = null;
        flush();
      }, SWEEP_INTERVAL_MS);
    }
  }

  function schedule(): void {
    if (timer !== null || !isReady) return;
    firstChange = now();
    timer = setTimeout(tick, QUIET_MS);
  }

  function tick(): void {
    timer = null;
    const t = now();
    const quietFor = t - lastChange;
    const waited = t - firstChange;
    if (quietFor < QUIET_MS && waited < MAX_WAIT_MS) {
      timer = setTimeout(tick, Math.min(QUIET_MS - quietFor, MAX_WAIT_MS - waited));
      return;
    }
    flush();
  }

  const ready = persistence
    .load()
    .then((restored) => tracker.seed(restored.map((s) => s.exchange)))
    .catch(() => undefined)
    .then(() => {
      isReady = true;
      if (store.dirty) schedule();
    });

  const observer = new Observer({
    browser: deps.browser,
    events: deps.events,
    sink: (raw) => tracker.push(raw),
    onNavigation: (tabId) => {
      flush();
      tracker.forgetTab(tabId);
      void ready.then(() => store.navigated(tabId));
    },
  });
  const recording = {
    watch: (tabId: number) => observer.watch(tabId),
    unwatch: (tabId: number) => {
      observer.unwatch(tabId);
      // Requests still in flight can no longer be followed; free what the tracker held for them.
      tracker.forgetTab(tabId);
    },
  };
  const server = new PortServer({ store, observer: recording, ready, settle: flush });
  store.setHooks({
    deltas: (tabId, events) => server.deltas(tabId, events),
    changed: (tabId, change) => persistence.changed(tabId, change),
  });

  return {
    onConnect: (port) => server.connect(port),
    onTabRemoved: (tabId) => {
      tracker.forgetTab(tabId);
      void ready.then(() => store.drop(tabId));
    },
    async suspend() {
      flush();
      await persistence.flush();
    },
    ready,
    store,
    tracker,
    observer,
    server,
    persistence,
  };
}
