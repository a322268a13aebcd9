/**
 * Reading the worker's state the way a panel does: a port `cors-panel:<tabId>` opened from an
 * extension page (the pop-out panel page), which also makes the worker record that tab. The probe
 * keeps the records it was sent (snapshot, then deltas) and reconnects when the worker is stopped,
 * like the panel's connection module; the tests read it with `evaluate`.
 */
import type { Page } from 'playwright-core';
import type { WireEntry } from '../../lab/server.ts';
import { parseScenarioPath } from '../../lab/urls.ts';
import { getHeader } from '../../src/shared/http/headers.ts';
import { PROTOCOL_SOURCE, type ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import type { ChromiumSession } from './browsers.ts';
import type { FirefoxCorsMessage } from './oracle.ts';

export interface ProbeState {
  readonly connected: boolean;
  readonly snapshots: number;
  readonly disconnects: number;
  readonly records: Record<string, ExchangeRecord>;
}

/** Source of a function to run in an extension page: `installProbe(tabId)` → window.__probe. */
export const PROBE_SOURCE = `(tabId) => {
  const api = globalThis.browser ?? globalThis.chrome;
  const probe = { connected: false, snapshots: 0, disconnects: 0, records: {} };
  const apply = (e) => {
    if (e.type === 'snapshot') { probe.records = {}; for (const r of e.records) probe.records[r.id] = r; probe.snapshots++; probe.connected = true; }
    else if (e.type === 'exchange-added' || e.type === 'exchange-updated') probe.records[e.record.id] = e.record;
    else if (e.type === 'exchange-progressed' && probe.records[e.id]) probe.records[e.id] = { ...probe.records[e.id], exchange: e.exchange, pending: true };
    else if (e.type === 'evicted') for (const id of e.ids) delete probe.records[id];
    else if (e.type === 'cleared') probe.records = {};
  };
  const open = () => {
    const port = api.runtime.connect({ name: 'cors-panel:' + tabId });
    port.onMessage.addListener((m) => {
      if (m && m.kind === 'event') apply(m.event);
      else if (m && m.kind === 'batch') for (const e of m.events) apply(e);
    });
    port.onDisconnect.addListener(() => { probe.connected = false; probe.disconnects++; setTimeout(open, 0); });
    probe.port = port;
  };
  open();
  globalThis.__probe = probe;
  return true;
}`;

/** Reads the probe as plain data. */
export const READ_PROBE = `(() => { const p = globalThis.__probe; return JSON.parse(JSON.stringify({ connected: p.connected, snapshots: p.snapshots, disconnects: p.disconnects, records: p.records })); })()`;

/** The extension page path of the panel (pop-out form takes `?tabId=<n>`). */
export const PANEL_PATH = 'src/panel/panel.html';

/** How many exchanges storage.session holds (the worker's encoded chunks `log:<tab>:<n>`). */
export const STORED_COUNT = `(async () => {
  const all = await chrome.storage.session.get(null);
  return Object.entries(all).filter(([k]) => /^log:\\d+:\\d+$/.test(k)).reduce((n, [, v]) => n + JSON.parse(v).items.length, 0);
})()`;

/** The exchange ids storage.session holds. */
export const STORED_IDS = `(async () => {
  const all = await chrome.storage.session.get(null);
  return Object.entries(all).filter(([k]) => /^log:\\d+:\\d+$/.test(k)).flatMap(([, v]) => JSON.parse(v).items.map((i) => i.exchange.id));
})()`;

/** The probe's records in the order the worker recorded them. */
export function recordsOf(state: ProbeState): ExchangeRecord[] {
  return Object.values(state.records).sort((a, b) => a.seq - b.seq);
}

/** The URL an exchange started at (the first leg's request). */
export function firstUrl(r: ExchangeRecord): string {
  return r.exchange.legs[0]?.request.url ?? '';
}

/**
 * The steps of a `labRunAll` result that sent anything to an API server (OPTIONS or the request),
 * and how many such steps each URL had: one exchange per step.
 */
export function stepsOnWire<S extends { readonly url: string }>(results: Record<string, S[]>, wire: readonly WireEntry[]): { steps: S[]; perUrl: Map<string, number> } {
  const wireUrls = new Set(wire.filter((w) => w.server === 'api').map((w) => w.url));
  const steps = Object.values(results).flat().filter((st) => wireUrls.has(st.url));
  const perUrl = new Map<string, number>();
  for (const st of steps) perUrl.set(st.url, (perUrl.get(st.url) ?? 0) + 1);
  return { steps, perUrl };
}

/** The URLs whose number of records (those `counted`) differs from their number of steps. */
export function miscountedUrls(all: readonly ExchangeRecord[], perUrl: ReadonlyMap<string, number>, counted: (r: ExchangeRecord) => boolean = () => true): string[] {
  return [...perUrl].filter(([url, n]) => all.filter((r) => firstUrl(r) === url && counted(r)).length !== n).map(([url]) => url);
}

/**
 * Scenarios whose page outcome hangs on a request field webRequest never shows, with that field.
 * Only there may the verdict contradict what the page saw, and only when the exchange shows why
 * it cannot tell (`excusedByWebRequest`).
 */
export const PAGE_OUTCOME_BEYOND_WEBREQUEST: Readonly<Record<string, string>> = {
  // redirect: "error" rejects at the 3xx, "manual" hands the page an opaque-redirect response;
  // webRequest reports both alike (Chromium: onErrorOccurred net::ERR_ABORTED on the 3xx; Firefox:
  // onCompleted with the 3xx), as the webRequest fixtures cors-redirect-error/-manual show.
  'cors-redirect-error': "fetch()'s redirect mode",
};

/** A step whose page result contradicts the recorded verdict. */
export interface PageContradiction {
  readonly scenario: string;
  readonly record: ExchangeRecord | undefined;
  readonly text: string;
}

/**
 * The steps whose page result contradicts the recorded verdict: the page read the response, yet
 * the verdict says blocked; or a cross-origin request failed in the page, yet the verdict says
 * allowed. A URL's steps are paired with its records in order (preflight-cache steps share URLs).
 */
export function pageContradictions(steps: readonly { readonly url: string; readonly ok: boolean }[], all: readonly ExchangeRecord[]): PageContradiction[] {
  const taken = new Map<string, number>();
  return steps.flatMap((st) => {
    const n = taken.get(st.url) ?? 0;
    taken.set(st.url, n + 1);
    const record = all.filter((r) => firstUrl(r) === st.url)[n];
    const outcome = record?.verdict.outcome;
    if (st.ok ? outcome !== 'blocked' : outcome !== 'allowed') return [];
    const scenario = parseScenarioPath(new URL(st.url).pathname)?.scenario ?? st.url;
    return [{ scenario, record, text: `${st.url}: the page ${st.ok ? 'read it' : 'failed'}, recorded ${outcome ?? 'nothing'}` }];
  });
}

/**
 * A contradiction webRequest cannot avoid: its scenario is listed in PAGE_OUTCOME_BEYOND_WEBREQUEST
 * and the exchange ends at a redirect no request followed (what that field would have decided).
 */
export function excusedByWebRequest(c: PageContradiction): boolean {
  const legs = c.record?.exchange.legs ?? [];
  const status = legs[legs.length - 1]?.response?.status ?? 0;
  return Object.hasOwn(PAGE_OUTCOME_BEYOND_WEBREQUEST, c.scenario) && status >= 300 && status < 400;
}

/** The page-vs-verdict check of a capture test: unexcused contradictions, and excuses nothing needed. */
export function pageDisagreements(steps: readonly { readonly url: string; readonly ok: boolean }[], all: readonly ExchangeRecord[]): { unexcused: string[]; unusedExcuses: string[] } {
  const found = pageContradictions(steps, all);
  return {
    unexcused: found.filter((c) => !excusedByWebRequest(c)).map((c) => c.text),
    unusedExcuses: Object.keys(PAGE_OUTCOME_BEYOND_WEBREQUEST).filter((scenario) => !found.some((c) => c.scenario === scenario)),
  };
}

/** The URLs a Firefox CORS message about this exchange may name: each leg's, and each redirect's target. */
function urlsOf(r: ExchangeRecord): string[] {
  return r.exchange.legs.flatMap((leg) => {
    const location = leg.response === null ? null : getHeader(leg.response.headers, 'location');
    if (location === null) return [leg.request.url];
    try {
      return [leg.request.url, new URL(location, leg.request.url).href];
    } catch {
      return [leg.request.url, location];
    }
  });
}

/**
 * Firefox's reason for each exchange (by id): its first CORS error (not warning) message, reason
 * key without the message-version digit; null when Firefox logged none. A message names the URL
 * that failed (a redirect hop's, or the request's); it belongs to the exchange whose chain holds
 * that URL and that was the last of those to start before the message was logged (the
 * differential harness's rule). Messages no exchange claims are about fetches Firefox refused
 * before any request existed, which webRequest never shows.
 */
export function consoleReasons(all: readonly ExchangeRecord[], messages: readonly FirefoxCorsMessage[]): Map<string, string | null> {
  const reasons = new Map<string, string | null>(all.map((r) => [r.id, null]));
  const startOf = (r: ExchangeRecord): number => r.exchange.legs[0]?.request.startedAt ?? 0;
  for (const m of messages) {
    if ((m.flags & 1) !== 0) continue;
    const owner = all.filter((r) => urlsOf(r).includes(m.url) && startOf(r) <= m.timeStamp + 1).sort((a, b) => startOf(b) - startOf(a))[0];
    if (owner !== undefined && reasons.get(owner.id) === null) reasons.set(owner.id, m.reason);
  }
  return reasons;
}

/**
 * Source of an expression that sends request `name` (no parameters) over the probe's port, as a
 * panel does (src/shared/protocol/rpc.ts), and resolves with the worker's answer.
 */
export function probeRequest(name: string): string {
  return `new Promise((resolve, reject) => {
    const port = globalThis.__probe.port;
    const id = Math.floor(Math.random() * 1e9);
    const listener = (m) => {
      if (!m || m.kind !== 'response' || m.id !== id) return;
      port.onMessage.removeListener(listener);
      if (m.ok) resolve(m.result); else reject(new Error(m.error));
    };
    port.onMessage.addListener(listener);
    port.postMessage({ source: ${JSON.stringify(PROTOCOL_SOURCE)}, kind: 'request', id, name: ${JSON.stringify(name)}, params: [] });
  })`;
}

/**
 * Opens the pop-out panel page of a Chromium session for the tab showing `pageOrigin` and installs
 * the probe there (which makes the worker record that tab); resolves once it is connected.
 */
export async function openChromiumProbe(s: ChromiumSession, pageOrigin: string): Promise<{ panel: Page; tabId: number }> {
  const panel = await s.context.newPage();
  const base = `chrome-extension://${s.extensionId ?? ''}/${PANEL_PATH}`;
  await panel.goto(base);
  const tabId = (await panel.evaluate(`(async () => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => (t.url || '').startsWith(${JSON.stringify(pageOrigin)}))?.id ?? -1;
  })()`)) as number;
  if (tabId < 0) throw new Error(`no tab shows ${pageOrigin}`);
  await panel.goto(`${base}?tabId=${tabId}`);
  await panel.evaluate(`(${PROBE_SOURCE})(${tabId})`);
  await panel.waitForFunction('globalThis.__probe.connected === true', null, { timeout: 15_000 });
  return { panel, tabId };
}

