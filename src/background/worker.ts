/**
 * The background worker, composed. Data flows one way:
 *
 *   webRequest → observer → tracker (pairing) → store → port server → panels
 *                                                 └──→ persistence
 *
 * The tracker reports changed exchanges to the store (one Set.add each); a scheduled `flush()`
 * asks the store what changed per tab and hands that to the port server and to persistence. No
 * stage calls back up the chain. What comes from the panels (a port connecting, a request) is
 * handled here: the worker applies it to the tracker and the store, and publishes the change.
 *
 * Browser APIs come in as arguments, so the whole worker runs in node tests with in-memory ports
 * and a fake webRequest.
 */
import type { BrowserName } from '../shared/model/exchange.ts';
import { CaptureTracker } from '../shared/capture/tracker.ts';
import type { PortLike } from '../shared/protocol/port.ts';
import { serveRequests, type RequestHandlers } from '../shared/protocol/rpc.ts';
import type { SessionArea, WebRequestEvents } from '../platform/apis.ts';
import type { KnownCookieSetting } from '../shared/cookies/browser-setting.ts';
import { FlushSchedule } from './flush-schedule.ts';
import { JarWatch } from './jar-watch.ts';
import { Observer } from './observer.ts';
import { Persistence, type RestoredLog } from './persistence.ts';
import { expiredLogs, nextExpiry, unclocked } from './retention.ts';
import { PortServer } from './server.ts';
import { ExchangeStore, type Evaluate, type TabChange } from './store.ts';

/** How often stalled exchanges are looked for while some may exist. */
export const SWEEP_INTERVAL_MS = 5000;

export interface WorkerDeps {
  readonly browser: BrowserName;
  readonly events: WebRequestEvents;
  readonly session: SessionArea;
  readonly evaluate: Evaluate;
  /** Origins whose requests are never recorded (our own extension pages). */
  readonly ignoreOrigins: readonly string[];
  /** The URL of a tab's page (`tabs.get`), so a tabless worker's requests can be attributed to it before the tab makes any. */
  readonly tabUrl?: (tabId: number) => Promise<string | undefined>;
  readonly now?: () => number;
  /** The browser's cookies matching a URL, every partition (`cookies.getAll`; absent: never read). */
  readonly cookieJar?: (url: string) => Promise<unknown>;
  /** The browser's third-party-cookie setting for a tab (incognito or not), read when a panel asks (absent: never known). */
  readonly cookieSetting?: (tabId: number) => Promise<KnownCookieSetting | null>;
  /** Calls back when the browser's third-party-cookie setting changes (the API's `onChange`). */
  readonly onCookieSettingChange?: (listener: () => void) => void;
  /**
   * Asks the browser to wake the worker at `when` (ms since the epoch; `alarms` in the extension),
   * so a log is dropped on time even if the worker was stopped meanwhile. Null: cancel.
   */
  readonly wakeAt?: (when: number | null) => void;
}

export interface BackgroundWorker {
  /** `runtime.onConnect` handler. */
  onConnect(port: PortLike): void;
  /** `tabs.onRemoved` handler. */
  onTabRemoved(tabId: number): void;
  /** Drops the logs whose retention ran out (./retention.ts); the alarm handler calls it. */
  expireLogs(): void;
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
  const now = deps.now ?? Date.now;
  let isReady = false;
  let sweepTimer: ReturnType<typeof setTimeout> | null = null;
  let expiryTimer: ReturnType<typeof setTimeout> | null = null;

  const store = new ExchangeStore({ recorder: deps.browser, evaluate: deps.evaluate });
  const server = new PortServer();
  const persistence = new Persistence(deps.session, store);
  const schedule = new FlushSchedule(now, flush);
  const tracker: CaptureTracker = new CaptureTracker({
    browser: deps.browser,
    ignoreOrigins: deps.ignoreOrigins,
    onChange: (x) => {
      store.touch(x);
      if (isReady) schedule.changed();
      jar?.changed(x);
    },
  });
  const jar = deps.cookieJar === undefined ? null : new JarWatch(deps.cookieJar, (x, leg, facts) => tracker.browserJar(x, leg, facts));
  const observer = new Observer({
    browser: deps.browser,
    events: deps.events,
    sink: (raw) => tracker.push(raw),
    onDocument: (tabId, url, topLevel) => {
      if (!topLevel) {
        tracker.tabDocument(tabId, url, false);
        return;
      }
      flush();
      tracker.forgetTab(tabId);
      tracker.tabDocument(tabId, url, true);
      void ready.then(() => publish(store.navigated(tabId)));
    },
  });

  /** Hands what the store changed to the panels and to persistence. */
  function publish(...changes: readonly (TabChange | null)[]): void {
    for (const change of changes) {
      if (change === null) continue;
      server.deltas(change.tabId, change.events);
      persistence.changed(change);
    }
  }

  function flush(): void {
    schedule.cancel();
    if (!isReady) return;
    tracker.sweep(now());
    publish(...store.flush());
    // Exchanges the browser may never report an end for (a refused redirect, an orphan
    // preflight) are ended by a later sweep even if the tab goes quiet.
    if (tracker.needsSweep && sweepTimer === null) {
      sweepTimer = setTimeout(() => {
        sweepTimer = null;
        flush();
      }, SWEEP_INTERVAL_MS);
    }
  }

  function restore(logs: readonly RestoredLog[]): void {
    for (const { tabId, meta, exchanges } of logs) {
      store.restore(tabId, meta, exchanges);
      tracker.setRecording(tabId, meta.recording);
      tracker.seed(exchanges.map((s) => s.exchange));
    }
  }

  const inspected = (tabId: number): boolean => server.tabs.includes(tabId);

  /** Drops expired logs, then arms the timer and the wake-up for the next one. */
  function expireLogs(): void {
    if (!isReady) return;
    for (const tabId of expiredLogs(store.logs(), inspected, now())) {
      tracker.forgetTab(tabId);
      tracker.setRecording(tabId, true);
      publish(store.drop(tabId));
    }
    const next = nextExpiry(store.logs(), inspected);
    if (expiryTimer !== null) clearTimeout(expiryTimer);
    expiryTimer = next === null ? null : setTimeout(expireLogs, Math.max(0, next - now()));
    deps.wakeAt?.(next);
  }

  const ready = persistence
    .load()
    .then(restore)
    .catch(() => undefined)
    .then(() => {
      isReady = true;
      // Logs whose panels were connected when the worker stopped start their clock now.
      publish(...unclocked(store.logs(), inspected).map((tabId) => store.setDetachedAt(tabId, now())));
      expireLogs();
      if (store.dirty) schedule.changed();
    });

  /** What a tab's panels may ask; each waits for the restored log, so none acts on an empty one. */
  function requests(tabId: number): RequestHandlers {
    const whenReady = async <T>(act: () => T): Promise<T> => {
      await ready;
      return act();
    };
    const apply = (change: TabChange) => {
      publish(change);
      return change.state;
    };
    return {
      setRecording: (recording) =>
        whenReady(() => {
          // What was seen before the switch is applied under the state it was seen in.
          flush();
          tracker.setRecording(tabId, recording);
          return apply(store.setRecording(tabId, recording));
        }),
      setPreserveLog: (preserveLog) => whenReady(() => apply(store.setPreserveLog(tabId, preserveLog))),
      setCapacity: (capacity) => whenReady(() => apply(store.setCapacity(tabId, capacity))),
      clear: () =>
        whenReady(() => {
          flush();
          return apply(store.clear(tabId, 'user'));
        }),
      getSnapshot: () =>
        whenReady(() => {
          flush();
          return store.snapshot(tabId);
        }),
      ping: () => Date.now(),
      getCookieSetting: () => readSetting(tabId),
    };
  }

  /**
   * A panel connected. The tab's first panel starts recording it (listeners added) at once, before
   * the store is rehydrated: the store keeps what arrives and applies it to the tab's log (created
   * here, replaced by the restored one if any) once ready. The last panel leaving stops it.
   */
  function onConnect(port: PortLike): void {
    const added = server.add(port);
    if (added === null) return;
    const { tabId, first } = added;
    const connectedAt = now();
    if (first) {
      store.tab(tabId);
      tracker.watchTab(tabId);
      observer.watch(tabId);
      // Until the tab's page is known, its origin is learned from the tab's own requests.
      void deps.tabUrl?.(tabId).then(
        (url) => {
          if (url !== undefined) tracker.tabDocument(tabId, url, false);
        },
        () => undefined,
      );
    }
    const stopServing = serveRequests(port, requests(tabId));
    port.onDisconnect.addListener(() => {
      stopServing();
      if (!server.remove(tabId, port)) return;
      observer.unwatch(tabId);
      // Requests still in flight can no longer be followed; free what the tracker held for them.
      tracker.unwatchTab(tabId);
      void ready.then(() => {
        if (inspected(tabId)) return;
        publish(store.setDetachedAt(tabId, now()));
        expireLogs();
      });
    });
    void ready.then(() => {
      if (!server.has(tabId, port)) return;
      if (store.tab(tabId).meta.detachedAt !== null) {
        publish(store.setDetachedAt(tabId, null));
        expireLogs();
      }
      // After the restore, which would bring back an earlier recording's start. The snapshot
      // below carries it to this panel (the tab's first: no other needs a delta).
      if (first) persistence.changed(store.recordingStarted(tabId, connectedAt));
      flush();
      const { state, records } = store.snapshot(tabId);
      server.send(port, { type: 'snapshot', state, records });
    });
  }

  const readSetting = (tabId: number): Promise<KnownCookieSetting | null> => (deps.cookieSetting?.(tabId) ?? Promise.resolve(null)).catch(() => null);
  // The setting changed: every connected panel gets its tab's new one (the next rows are decided under it).
  deps.onCookieSettingChange?.(() => {
    for (const tabId of server.tabs) void readSetting(tabId).then((setting) => server.deltas(tabId, [{ type: 'cookie-setting', setting }]));
  });

  return {
    onConnect,
    onTabRemoved: (tabId) => {
      tracker.unwatchTab(tabId);
      void ready.then(() => {
        tracker.setRecording(tabId, true);
        publish(store.drop(tabId));
      });
    },
    expireLogs,
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
