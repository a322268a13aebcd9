/**
 * The whole worker in node: a fake webRequest that replays recorded Chromium events, in-memory
 * ports for panels, an in-memory storage.session. "Killing" the worker is dropping the instance
 * and starting a new one on the same storage, as MV3 does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ObservedExchange } from '../shared/model/exchange.ts';
import type { Verdict } from '../shared/cors/verdict.ts';
import type { KnownCookieSetting } from '../shared/cookies/browser-setting.ts';
import { loadFixture, redirectReportedLate } from '../../test/fixtures/webrequest/load.ts';
import type { WebRequestEventName } from '../shared/capture/raw-event.ts';
import { createWorkerConnection, type PanelEvent, type WorkerConnection } from '../shared/protocol/client.ts';
import { panelPortName, type LogRecord } from '../shared/protocol/messages.ts';
import { createMemoryPortPair, type PortLike } from '../shared/protocol/port.ts';
import type { RequestFilter, SessionArea, WebRequestEvent, WebRequestEvents } from '../platform/apis.ts';
import { LOG_RETENTION_MS } from './retention.ts';
import { createBackgroundWorker, type BackgroundWorker, type WorkerDeps } from './worker.ts';

/** Test double: the store only needs some Verdict; its content is the evaluator's business. */
function fakeEvaluate(x: ObservedExchange): Verdict {
  return { outcome: x.outcome.kind === 'failed' ? 'blocked' : 'allowed' } as Verdict;
}

class FakeEvent implements WebRequestEvent {
  readonly listeners = new Map<(d: unknown) => void, { filter: RequestFilter; spec: string[] | undefined }>();
  addListener(callback: (d: unknown) => void, filter: RequestFilter, extraInfoSpec?: string[]): void {
    this.listeners.set(callback, { filter, spec: extraInfoSpec });
  }
  removeListener(callback: (d: unknown) => void): void {
    this.listeners.delete(callback);
  }
  dispatch(details: { tabId: number; type: string }): void {
    for (const [callback, { filter }] of this.listeners) {
      if (filter.tabId !== undefined && filter.tabId !== details.tabId) continue;
      if (filter.types !== undefined && !filter.types.includes(details.type)) continue;
      callback(details);
    }
  }
}

function fakeWebRequest(): WebRequestEvents & Record<WebRequestEventName, FakeEvent> {
  return { onBeforeRequest: new FakeEvent(), onSendHeaders: new FakeEvent(), onHeadersReceived: new FakeEvent(), onCompleted: new FakeEvent(), onErrorOccurred: new FakeEvent() };
}

function memorySession(): SessionArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async () => Object.fromEntries([...data].map(([k, v]) => [k, structuredClone(v)])),
    set: async (items) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    remove: async (keys) => {
      for (const k of keys) data.delete(k);
    },
  };
}

interface Panel {
  connection: WorkerConnection;
  records: Map<string, LogRecord>;
  events: PanelEvent[];
}

/** A panel: its connection reaches whatever worker `current()` returns at connect time. */
function openPanel(tabId: number, current: () => BackgroundWorker): Panel {
  const records = new Map<string, LogRecord>();
  const events: PanelEvent[] = [];
  const connection = createWorkerConnection(
    () => {
      const [panelSide, workerSide]: [PortLike, PortLike] = createMemoryPortPair(panelPortName(tabId));
      current().onConnect(workerSide);
      workers.set(workerSide, current());
      return panelSide;
    },
    { pingIntervalMs: 0, retryDelaysMs: [0] },
  );
  connection.onEvent((e) => {
    events.push(e);
    if (e.type === 'snapshot') {
      records.clear();
      for (const r of e.records) records.set(r.id, r);
    } else if (e.type === 'exchange-added' || e.type === 'exchange-updated') records.set(e.record.id, e.record);
    else if (e.type === 'exchange-progressed') {
      const known = records.get(e.id);
      if (known !== undefined) records.set(e.id, { ...known, exchange: e.exchange, pending: true });
    }
    else if (e.type === 'evicted') for (const id of e.ids) records.delete(id);
    else if (e.type === 'cleared') records.clear();
  });
  return { connection, records, events };
}

const workers = new Map<PortLike, BackgroundWorker>();

function replayInto(webRequest: ReturnType<typeof fakeWebRequest>, name: string, tabId: number): void {
  dispatchAll(webRequest, loadFixture('chromium', name).events, tabId);
}

/** The events shifted in time so that the first one happens now. */
function recordedNow<E extends { details: unknown }>(events: readonly E[]): E[] {
  const first = (events[0]?.details as { timeStamp?: number } | undefined)?.timeStamp ?? 0;
  const shift = Date.now() - first;
  return events.map((e) => {
    const d = e.details as { timeStamp?: number };
    return { ...e, details: { ...d, timeStamp: (d.timeStamp ?? first) + shift } };
  });
}

/** Dispatches recorded events as if from tab `tabId` (a tabless worker's stay tabless, −1). */
function dispatchAll(webRequest: ReturnType<typeof fakeWebRequest>, events: readonly { event: WebRequestEventName; details: unknown }[], tabId: number): void {
  for (const e of events) {
    const recorded = e.details as Record<string, unknown>;
    const details = { ...recorded, tabId: recorded['tabId'] === -1 ? -1 : tabId } as { tabId: number; type: string };
    webRequest[e.event].dispatch(details);
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('background worker', () => {
  const TAB = 7;

  function start(session: SessionArea, webRequest = fakeWebRequest(), options: Partial<WorkerDeps> & { tabUrls?: Readonly<Record<number, string>> } = {}) {
    const { tabUrls, ...more } = options;
    const worker = createBackgroundWorker({
      browser: 'chromium',
      events: webRequest,
      session,
      evaluate: fakeEvaluate,
      ignoreOrigins: ['chrome-extension://abc'],
      tabUrl: async (tabId) => tabUrls?.[tabId],
      ...more,
    });
    return { worker, webRequest };
  }

  it('Chromium: listens only while a panel is connected, unfiltered (tabless workers’ requests need it), with extraHeaders on the header events', async () => {
    const { worker, webRequest } = start(memorySession());
    expect(webRequest.onSendHeaders.listeners.size).toBe(0);
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    const [send] = [...webRequest.onSendHeaders.listeners.values()];
    // Chromium quirk: `tabId: -1` would match every tab; the sink keeps inspected tabs and tabless requests.
    expect(send?.filter.tabId).toBeUndefined();
    expect(send?.spec).toEqual(['requestHeaders', 'extraHeaders']);
    // Documents arriving in the tab are watched per tab.
    expect([...webRequest.onHeadersReceived.listeners.values()].map((l) => l.filter.tabId)).toEqual([TAB, undefined]);
    expect([...webRequest.onErrorOccurred.listeners.values()][0]?.spec).toBeUndefined();
    const second = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(second.connection.status).toBe('connected'));
    panel.connection.close();
    await vi.waitFor(() => expect(worker.server.tabs).toEqual([TAB]));
    second.connection.close();
    await vi.waitFor(() => expect(worker.server.tabs).toEqual([]));
    expect(webRequest.onSendHeaders.listeners.size).toBe(0);
    expect(webRequest.onHeadersReceived.listeners.size).toBe(0);
  });

  it('Firefox: listens per inspected tab, and to tabless requests (`tabId: -1`) while any tab is inspected', async () => {
    const { worker, webRequest } = start(memorySession(), fakeWebRequest(), { browser: 'firefox' });
    const panel = openPanel(TAB, () => worker);
    const other = openPanel(TAB + 1, () => worker);
    await vi.waitFor(() => expect(other.connection.status).toBe('connected'));
    expect([...webRequest.onSendHeaders.listeners.values()].map((l) => [l.filter.tabId, l.spec])).toEqual([
      [TAB, ['requestHeaders']],
      [-1, ['requestHeaders']],
      [TAB + 1, ['requestHeaders']],
    ]);
    panel.connection.close();
    other.connection.close();
    await vi.waitFor(() => expect(webRequest.onSendHeaders.listeners.size).toBe(0));
  });

  it('shows a tabless worker’s requests in the inspected tabs of its origin, saying so when there are several', async () => {
    const lab = loadFixture('chromium', 'in-service-worker-preflight-put-pass').pageOrigin;
    const { worker, webRequest } = start(memorySession(), fakeWebRequest(), { tabUrls: { [TAB]: `${lab}/`, [TAB + 1]: 'http://elsewhere.test/', [TAB + 2]: `${lab}/other` } });
    const panels = [TAB, TAB + 1].map((tabId) => openPanel(tabId, () => worker));
    for (const p of panels) await vi.waitFor(() => expect(p.connection.status).toBe('connected'));
    const scenario = (p: Panel) => [...p.records.values()].filter((r) => r.exchange.legs[0]?.request.url.includes('/s/'));
    replayInto(webRequest, 'in-service-worker-preflight-put-pass', TAB);
    await vi.waitFor(() => expect(scenario(panels[0]!).filter((r) => !r.pending)).toHaveLength(1));
    expect(scenario(panels[0]!)[0]?.initiator).toEqual({ kind: 'service-or-shared-worker' });
    expect(scenario(panels[1]!)).toEqual([]);
    // A second tab of the worker's origin: webRequest does not say which one the worker serves.
    const third = openPanel(TAB + 2, () => worker);
    await vi.waitFor(() => expect(third.connection.status).toBe('connected'));
    replayInto(webRequest, 'in-service-worker-missing-acao-200', TAB);
    await vi.waitFor(() => expect(scenario(third)).toHaveLength(1));
    const [inFirst] = scenario(panels[0]!).filter((r) => r.exchange.legs[0]?.request.url.includes('missing-acao'));
    expect(inFirst?.initiator).toEqual({ kind: 'service-or-shared-worker', sharedByTabs: 2 });
    expect(scenario(third)[0]?.initiator).toEqual({ kind: 'service-or-shared-worker', sharedByTabs: 2 });
  });

  it('evaluates an exchange once, when it settles: added in flight without a verdict, progress carries the exchange alone, the settled record its verdict', async () => {
    const evaluated: ObservedExchange[] = [];
    const { worker, webRequest } = start(memorySession(), fakeWebRequest(), { evaluate: (x) => (evaluated.push(x), fakeEvaluate(x)) });
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    const events = loadFixture('chromium', 'preflight-put-pass').events;
    // Flushed after each event: the request is announced, progresses, then settles.
    for (const e of events) {
      dispatchAll(webRequest, [e], TAB);
      await worker.suspend();
    }
    await vi.waitFor(() => expect([...panel.records.values()].some((r) => !r.pending)).toBe(true));
    // Per exchange: added in flight without a verdict, progressed, updated with its verdict once settled.
    const byId = new Map<string, string[]>();
    for (const e of panel.events) {
      const id = e.type === 'exchange-progressed' ? e.id : e.type === 'exchange-added' || e.type === 'exchange-updated' ? e.record.id : null;
      if (id !== null) byId.set(id, [...(byId.get(id) ?? []), e.type]);
    }
    expect([...byId.values()].some((types) => types.includes('exchange-progressed'))).toBe(true);
    for (const [id, types] of [...byId].filter(([, t]) => t.includes('exchange-progressed'))) {
      expect(types[0]).toBe('exchange-added');
      const added = panel.events.find((e) => e.type === 'exchange-added' && e.record.id === id);
      expect(added).toMatchObject({ record: { pending: true } });
      expect(added).not.toHaveProperty('record.verdict');
      expect(types.at(-1)).toBe('exchange-updated');
      expect(new Set(types.slice(1, -1))).toEqual(new Set(['exchange-progressed']));
    }
    // Evaluated once settled, never in flight.
    expect(evaluated).toHaveLength(byId.size);
    expect([...panel.records.values()].every((r) => !r.pending && r.verdict !== undefined)).toBe(true);
  });

  it('sends a snapshot, then batched deltas; other tabs are not recorded', async () => {
    const { worker, webRequest } = start(memorySession());
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    replayInto(webRequest, 'preflight-put-pass', TAB);
    replayInto(webRequest, 'missing-acao-200', TAB + 1);
    await vi.waitFor(() => expect([...panel.records.values()].some((r) => !r.pending)).toBe(true));
    const records = [...panel.records.values()];
    expect(records).toHaveLength(1);
    expect(records[0]?.exchange.legs[0]?.preflight?.kind).toBe('observed');
    expect(records[0]?.tabId).toBe(TAB);
    expect(panel.events[0]?.type).toBe('snapshot');
    // The snapshot says since when the tab is recorded (the panel looks for requests made before).
    const first = panel.events[0];
    expect(first?.type === 'snapshot' && first.state.recordingSince).toBeGreaterThan(0);
  });

  it('loses nothing when the worker is killed: a new worker restores the log and the panel reconnects by itself', async () => {
    const session = memorySession();
    let { worker, webRequest } = start(session);
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    replayInto(webRequest, 'preflight-put-pass', TAB);
    replayInto(webRequest, 'cache-max-age-60', TAB);
    await vi.waitFor(() => expect(panel.records.size).toBe(3));
    await worker.persistence.flush();
    const before = [...panel.records.keys()].sort();

    // Kill: the old instance is gone with its ports; a fresh one starts on the same storage.
    const killed = worker;
    ({ worker, webRequest } = start(session));
    for (const [port, owner] of workers) if (owner === killed) port.disconnect();
    await vi.waitFor(() => expect(panel.connection.reconnects).toBe(1));
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    expect([...panel.records.keys()].sort()).toEqual(before);

    // Recording continues on the new worker (listeners re-added for the reconnected panel).
    replayInto(webRequest, 'missing-acao-200', TAB);
    await vi.waitFor(() => expect(panel.records.size).toBe(4));
    const seqs = [...panel.records.values()].map((r) => r.seq);
    expect(new Set(seqs).size).toBe(4);
  });

  it('keeps at most `capacity` exchanges, evicting the oldest with a count', async () => {
    const { worker, webRequest } = start(memorySession());
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    const state = await panel.connection.request('setCapacity', 2);
    expect(state.capacity).toBe(2);
    replayInto(webRequest, 'preflight-put-pass', TAB);
    replayInto(webRequest, 'cache-max-age-60', TAB);
    replayInto(webRequest, 'missing-acao-200', TAB);
    await vi.waitFor(() => expect(worker.store.tab(TAB).meta.evicted).toBe(2));
    await vi.waitFor(() => expect(panel.records.size).toBe(2));
    const snapshot = await panel.connection.request('getSnapshot');
    expect(snapshot.state.evicted).toBe(2);
    expect(snapshot.records.map((r) => r.exchange.legs[0]?.request.url.includes('missing-acao-200'))).toContain(true);
  });

  it('an exchange retired into another leaves the panel and storage', async () => {
    const session = memorySession();
    const { worker, webRequest } = start(session);
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    // The redirect's 3xx arrives after the re-preflight at its new URL, which opens an exchange of
    // its own; the next leg then folds it in.
    // Timed now: a flush in between sweeps by the clock, and would end a redirect recorded long ago.
    const events = recordedNow(redirectReportedLate(loadFixture('chromium', 'redirect-preflighted-pass')));
    const nextLeg = events.findIndex((e, i) => i > 0 && e.event === 'onSendHeaders' && (e.details as { method?: string }).method === 'PUT' && (e.details as { url?: string }).url?.includes('127.0.0.1'));
    dispatchAll(webRequest, events.slice(0, nextLeg), TAB);
    await vi.waitFor(() => expect(panel.records.size).toBe(2));
    await worker.persistence.flush();
    const storedIds = () => [...session.data].filter(([k]) => /^log:\d+:\d+$/.test(k)).flatMap(([, v]) => (JSON.parse(v as string) as { items: { exchange: { id: string } }[] }).items.map((i) => i.exchange.id));
    expect(storedIds()).toHaveLength(2);
    dispatchAll(webRequest, events.slice(nextLeg), TAB);
    await vi.waitFor(() => expect([...panel.records.values()].map((r) => r.pending)).toEqual([false]));
    const [kept] = [...panel.records.values()];
    expect(kept?.exchange.legs.map((l) => l.preflight?.kind)).toEqual(['observed', 'observed']);
    expect(worker.store.tab(TAB).meta.evicted).toBe(0);
    await worker.persistence.flush();
    expect(storedIds()).toEqual([kept?.id]);
  });

  it('a top-level navigation clears the log unless Preserve log is on', async () => {
    const { worker, webRequest } = start(memorySession());
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    replayInto(webRequest, 'preflight-put-pass', TAB);
    await vi.waitFor(() => expect(panel.records.size).toBe(1));
    const navigate = () => webRequest.onHeadersReceived.dispatch({ tabId: TAB, type: 'main_frame', statusCode: 200, url: 'http://localhost:8310/' } as { tabId: number; type: string });
    await panel.connection.request('setPreserveLog', true);
    navigate();
    expect(worker.store.tab(TAB).entries.size).toBe(1);
    await panel.connection.request('setPreserveLog', false);
    navigate();
    await vi.waitFor(() => expect(panel.records.size).toBe(0));
    expect(panel.events.some((e) => e.type === 'cleared' && e.reason === 'navigation')).toBe(true);
  });

  it('never records a request that began while recording was stopped, even when recording resumes at once', async () => {
    const { worker, webRequest } = start(memorySession());
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    // The panel engineer's sequence: Stop → `acao-mismatch` → Record → `acao-null`, all within
    // one flush window (QUIET_MS), so nothing was flushed in between.
    await panel.connection.request('setRecording', false);
    replayInto(webRequest, 'acao-mismatch', TAB);
    await panel.connection.request('setRecording', true);
    replayInto(webRequest, 'acao-null', TAB);
    // Another request began while stopped and ends after recording resumed.
    const straddling = loadFixture('chromium', 'preflight-put-pass').events;
    await panel.connection.request('setRecording', false);
    const firstEvent = straddling[0];
    if (firstEvent !== undefined) webRequest[firstEvent.event].dispatch({ ...(firstEvent.details as object), tabId: TAB } as { tabId: number; type: string });
    await panel.connection.request('setRecording', true);
    for (const e of straddling.slice(1)) webRequest[e.event].dispatch({ ...(e.details as object), tabId: TAB } as { tabId: number; type: string });

    const snapshot = await panel.connection.request('getSnapshot');
    const urls = snapshot.records.map((r) => r.exchange.legs[0]?.request.url ?? '');
    expect(urls).toHaveLength(1);
    expect(urls[0]).toContain('acao-null');
    await vi.waitFor(() => expect([...panel.records.values()].some((r) => !r.pending)).toBe(true));
    expect([...panel.records.values()].map((r) => r.exchange.legs[0]?.request.url)).toEqual(urls);
    expect(worker.tracker.inFlight).toBe(0);
  });

  it('rejects requests with invalid parameters without touching the state', async () => {
    const { worker } = start(memorySession());
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    // A malformed call, as a buggy or hostile page might send it.
    const bad = panel.connection.request as unknown as (name: string, ...p: unknown[]) => Promise<unknown>;
    await expect(bad('setCapacity', -3)).rejects.toThrow(/invalid parameters/);
    expect(worker.store.tab(TAB).meta.capacity).toBe(5000);
  });

  it('answers the browser\'s third-party-cookie setting from its fake privacy API, null when it fails or is absent', async () => {
    const answers: unknown[] = [{ browser: 'chromium', thirdPartyCookies: 'allowed' }, new Error('privacy API unavailable')];
    const worker = createBackgroundWorker({
      browser: 'chromium',
      events: fakeWebRequest(),
      session: memorySession(),
      evaluate: fakeEvaluate,
      ignoreOrigins: [],
      cookieSetting: () => {
        const next = answers.shift();
        return next instanceof Error ? Promise.reject(next) : Promise.resolve(next as KnownCookieSetting);
      },
    });
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    expect(await panel.connection.request('getCookieSetting')).toEqual({ browser: 'chromium', thirdPartyCookies: 'allowed' });
    expect(await panel.connection.request('getCookieSetting')).toBeNull();
    const { worker: without } = start(memorySession());
    const other = openPanel(TAB + 1, () => without);
    await vi.waitFor(() => expect(other.connection.status).toBe('connected'));
    expect(await other.connection.request('getCookieSetting')).toBeNull();
  });

  it('reads the browser\'s cookie jar once per ended exchange, for each hop with a response, and hands the facts on without values', async () => {
    const asked: string[] = [];
    const webRequest = fakeWebRequest();
    const { worker } = start(memorySession(), webRequest, {
      cookieJar: async (url) => {
        asked.push(url);
        return [{ name: 'jarred', value: 'secret', domain: 'localhost', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'strict' }];
      },
    });
    const panel = openPanel(TAB, () => worker);
    await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
    replayInto(webRequest, 'cookie-samesite-none-secure', TAB);
    await vi.waitFor(() => {
      const legs = [...panel.records.values()].filter((r) => !r.pending).flatMap((r) => r.exchange.legs);
      expect(legs.length).toBeGreaterThan(0);
      expect(legs.every((leg) => leg.response === null || leg.browserJar !== undefined)).toBe(true);
    });
    const records = [...panel.records.values()];
    const legsWithResponse = records.flatMap((r) => r.exchange.legs.filter((leg) => leg.response !== null));
    expect(asked.sort()).toEqual(legsWithResponse.map((leg) => leg.request.url).sort());
    expect(legsWithResponse[0]?.browserJar?.unsent.map((c) => c.name)).toEqual(['jarred']);
    expect(JSON.stringify(records)).not.toContain('secret');
  });

  it('tells every connected panel when the browser\'s third-party-cookie setting changes', async () => {
    let fire = (): void => undefined;
    let setting: KnownCookieSetting = { browser: 'chromium', thirdPartyCookies: 'blocked' };
    const { worker } = start(memorySession(), fakeWebRequest(), {
      cookieSetting: async () => setting,
      onCookieSettingChange: (listener) => {
        fire = listener;
      },
    });
    const panels = [openPanel(TAB, () => worker), openPanel(TAB + 1, () => worker)];
    await vi.waitFor(() => expect(panels.every((p) => p.connection.status === 'connected')).toBe(true));
    setting = { browser: 'chromium', thirdPartyCookies: 'allowed' };
    fire();
    for (const panel of panels) {
      await vi.waitFor(() => expect(panel.events).toContainEqual({ type: 'cookie-setting', setting: { browser: 'chromium', thirdPartyCookies: 'allowed' } }));
    }
  });

  describe('log retention (a fake clock)', () => {
    const storedTabs = (session: ReturnType<typeof memorySession>): number[] =>
      [...new Set([...session.data.keys()].map((k) => Number(/^log:(\d+)/.exec(k)?.[1])))].sort();

    it('keeps a log while DevTools is closed and reopened, drops it once no panel has shown it for the retention time', async () => {
      const session = memorySession();
      // The clock runs (the flush schedule needs it); jumps forward are added to it.
      let skipped = 0;
      const clock = (): number => Date.now() + skipped;
      const wakes: (number | null)[] = [];
      const { worker, webRequest } = start(session, fakeWebRequest(), { now: clock, wakeAt: (when) => wakes.push(when) });
      let panel = openPanel(TAB, () => worker);
      await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
      replayInto(webRequest, 'preflight-put-pass', TAB);
      await vi.waitFor(() => expect(panel.records.size).toBe(1));
      panel.connection.close();
      await vi.waitFor(() => expect(wakes.at(-1)).toBeGreaterThanOrEqual(clock() - 1000 + LOG_RETENTION_MS));

      skipped += LOG_RETENTION_MS - 10_000; // not yet: the panel is reopened within the retention
      worker.expireLogs();
      panel = openPanel(TAB, () => worker);
      await vi.waitFor(() => expect(panel.connection.status).toBe('connected'));
      expect(panel.records.size).toBe(1);
      expect(worker.store.tab(TAB).meta.detachedAt).toBeNull();
      expect(wakes.at(-1)).toBeNull();
      panel.connection.close();
      await vi.waitFor(() => expect(wakes.at(-1)).toBeGreaterThanOrEqual(clock() - 1000 + LOG_RETENTION_MS));

      skipped += LOG_RETENTION_MS;
      worker.expireLogs();
      expect([...worker.store.logs()].map((l) => l.tabId)).toEqual([]);
      await worker.persistence.flush();
      expect(storedTabs(session)).toEqual([]);
    });

    it('a worker stopped meanwhile checks the clock when it wakes; Preserve log keeps a log; a log whose panel died with the worker starts its clock', async () => {
      const session = memorySession();
      // The clock runs (the flush schedule needs it); jumps forward are added to it.
      let skipped = 0;
      const clock = (): number => Date.now() + skipped;
      const first = start(session, fakeWebRequest(), { now: clock });
      const [kept, dropped, orphan] = [TAB, TAB + 1, TAB + 2];
      const panels = [kept, dropped, orphan].map((tabId) => openPanel(tabId, () => first.worker));
      for (const p of panels) await vi.waitFor(() => expect(p.connection.status).toBe('connected'));
      [kept, dropped, orphan].forEach((tabId) => replayInto(first.webRequest, 'preflight-put-pass', tabId));
      for (const p of panels) await vi.waitFor(() => expect(p.records.size).toBe(1));
      await panels[0]?.connection.request('setPreserveLog', true);
      panels[0]?.connection.close();
      panels[1]?.connection.close();
      await vi.waitFor(() => expect(first.worker.server.tabs).toEqual([orphan]));
      await first.worker.suspend();

      // The worker was stopped; it wakes (an alarm) after the retention ran out.
      skipped += LOG_RETENTION_MS;
      const { worker } = start(session, fakeWebRequest(), { now: clock });
      await worker.ready;
      expect([...worker.store.logs()].map((l) => l.tabId).sort()).toEqual([kept, orphan]);
      expect(worker.store.tab(orphan).meta.detachedAt).toBeGreaterThanOrEqual(clock() - 1000);
      await worker.persistence.flush();
      expect(storedTabs(session)).toEqual([kept, orphan]);
    });
  });
});
