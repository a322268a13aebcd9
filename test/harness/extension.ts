/**
 * Reading the worker's state the way a panel does: a port `cors-panel:<tabId>` opened from an
 * extension page (the pop-out panel page), which also makes the worker record that tab. The probe
 * keeps the records it was sent (snapshot, then deltas) and reconnects when the worker is stopped,
 * like the panel's connection module; the tests read it with `evaluate`.
 */
import type { WireEntry } from '../../lab/server.ts';
import { getHeader } from '../../src/shared/pairing/index.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import type { FirefoxCorsMessage } from './lab-runner.ts';

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
