/**
 * The worker in real Chromium with dist/chrome: lab scenarios, each fetch recorded once with its
 * preflight and CORS headers, the outcome and verdict Chromium itself reported over CDP
 * (`Network.loadingFailed.corsErrorStatus`), cache hits where no OPTIONS reached the lab; the
 * worker stopped mid-run (CDP `ServiceWorker.stopAllWorkers`) losing nothing; a 1,000-fetch burst.
 * The state is read through a port opened from the pop-out panel page, as a panel reads it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { findScenario } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import type { Step } from '../../lab/types.ts';
import { parseScenarioPath } from '../../lab/urls.ts';
import { evaluateExchange } from '../../src/shared/cors/index.ts';
import type { ObservedExchange } from '../../src/shared/model/exchange.ts';
import { getHeader } from '../../src/shared/http/headers.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import { launchChromium, type ChromiumSession } from '../harness/browsers.ts';
import {
  firstUrl,
  miscountedUrls,
  pageDisagreements,
  PANEL_PATH,
  PROBE_SOURCE,
  READ_PROBE,
  recordsOf,
  stepsOnWire,
  STORED_COUNT,
  STORED_IDS,
  type ProbeState,
} from '../harness/extension.ts';

/** What an exchange recorded from webRequest cannot hold, filled in from the lab step that made it. */
type UnseenField = 'requestedTargetAddressSpace';

const FROM_LAB: Readonly<Record<UnseenField, (x: ObservedExchange, step: Step) => ObservedExchange>> = {
  // fetch()'s `targetAddressSpace` option (Chromium Local Network Access) never reaches the wire.
  requestedTargetAddressSpace: (x, step) =>
    step.targetAddressSpace === undefined ? x : { ...x, addressSpace: { ...x.addressSpace, requestedTarget: step.targetAddressSpace } },
};

/**
 * Scenarios whose Chromium verdict depends on a field webRequest does not show, with that field.
 * Only there may the recorded verdict differ from Chromium's CorsError, and only by that field:
 * the exchange is evaluated again with the field taken from the lab's step, and must then agree.
 * An entry that is not needed (the recorded verdict already agrees) fails the test.
 */
const BEYOND_WEBREQUEST: Readonly<Record<string, readonly UnseenField[]>> = {
  'lna-target-address-space-mismatch': ['requestedTargetAddressSpace'],
};

/** Chromium's CorsError for the exchange with `fields` filled in from the lab step that made `url`. */
function corsErrorWithLabFields(x: ObservedExchange, url: string, fields: readonly UnseenField[]): string {
  const address = parseScenarioPath(new URL(url).pathname);
  const step = address === null ? undefined : findScenario(address.scenario)?.steps[address.step];
  if (step === undefined) return `no lab step for ${url}`;
  const filled = fields.reduce((acc, field) => FROM_LAB[field](acc, step), x);
  return evaluateExchange(filled, { now: Date.now() }).chromium.corsError ?? 'none';
}

let lab: Lab;
let s: ChromiumSession;
let labPage: Page;
let panel: Page;
let tabId: number;
/** CDP `corsErrorStatus.corsError` of each failed fetch, by request URL (a URL may fail more than once). */
const corsErrors = new Map<string, string[]>();

async function probe(): Promise<ProbeState> {
  return (await panel.evaluate(READ_PROBE)) as ProbeState;
}

async function records(): Promise<ExchangeRecord[]> {
  return recordsOf(await probe());
}

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
  s = await launchChromium({ extension: true });
  labPage = await s.context.newPage();
  const cdp: CDPSession = await s.context.newCDPSession(labPage);
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFailed', (e: { requestId: string; corsErrorStatus?: { corsError: string } }) => {
    const url = urls.get(e.requestId);
    if (url !== undefined && e.corsErrorStatus) corsErrors.set(url, [...(corsErrors.get(url) ?? []), e.corsErrorStatus.corsError]);
  });
  await cdp.send('Network.enable');
  await labPage.goto(`${lab.pageOrigin}/`);
  await labPage.evaluate('window.labReady');
  panel = await s.context.newPage();
  const base = `chrome-extension://${s.extensionId}/${PANEL_PATH}`;
  await panel.goto(base);
  tabId = (await panel.evaluate(`(async () => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => (t.url || '').startsWith(${JSON.stringify(lab.pageOrigin)}))?.id ?? -1;
  })()`)) as number;
  expect(tabId).toBeGreaterThan(0);
  // The pop-out form of the panel: panel.html?tabId=<n>.
  await panel.goto(`${base}?tabId=${tabId}`);
  await panel.evaluate(`(${PROBE_SOURCE})(${tabId})`);
  await vi.waitFor(async () => expect((await probe()).connected).toBe(true), { timeout: 15_000 });
});

afterAll(async () => {
  await s?.close();
  await lab?.close();
});

describe('Chromium: capture of the lab scenarios', () => {
  it('records every fetch once, with its preflight, CORS headers, outcome and Chromium’s own verdict', async () => {
    lab.clearWire();
    const results = (await labPage.evaluate('window.labRunAll({ skipSlow: true })')) as Record<string, { url: string; ok: boolean }[]>;
    const wire = [...lab.wire];
    // Every step URL the browser sent anything to (OPTIONS or the request) is one exchange per step.
    const { steps, perUrl: stepsPerUrl } = stepsOnWire(results, wire);
    expect(stepsPerUrl.size).toBeGreaterThan(60);
    // One record per request the page made: none for Chromium's own probes (a font's cache-only lookup).
    await expect.poll(async () => miscountedUrls(await records(), stepsPerUrl, (r) => !r.pending), { timeout: 30_000 }).toEqual([]);
    const all = await records();
    // What the page saw agrees with the verdict, for every kind of request.
    expect(pageDisagreements(steps, all)).toEqual({ unexcused: [], unusedExcuses: [] });
    const verdictMismatches: string[] = [];

    for (const r of all) {
      const url = firstUrl(r);
      const wireHere = wire.filter((w) => w.url === url);
      // Preflights: one observed per OPTIONS that reached the lab at this URL.
      const observed = all.filter((o) => firstUrl(o) === url).flatMap((o) => o.exchange.legs.slice(0, 1)).filter((l) => l.preflight?.kind === 'observed');
      // (Where the lab closes the connection unanswered, Chromium retries the OPTIONS once on
      // the network level; webRequest shows one attempt.)
      if (!url.includes('network-error')) expect(observed.length, url).toBe(wireHere.filter((w) => w.method === 'OPTIONS').length);
      for (const leg of r.exchange.legs) {
        if (leg.preflight?.kind === 'observed') {
          expect(getHeader(leg.preflight.request.headers, 'origin'), url).not.toBeNull();
          expect(getHeader(leg.preflight.request.headers, 'access-control-request-method'), url).toBe(leg.request.method);
          if (leg.preflight.response) expect(leg.preflight.response.headers.length, url).toBeGreaterThan(0);
        }
        if (leg.response !== null && !leg.request.headersProvisional && leg.request.headers.some((h) => h.name.toLowerCase() === 'sec-fetch-mode' && h.value === 'cors')) {
          expect(getHeader(leg.request.headers, 'origin'), url).not.toBeNull();
        }
      }
    }
    // Outcome and verdict as Chromium reported them: each fetch Chromium failed with a CORS error
    // is a failed exchange (matched by URL: the first, or for redirects the last, leg), whose
    // recorded verdict names the same CorsError — or, where webRequest cannot show a field that
    // decided it (BEYOND_WEBREQUEST), does once that field is taken from the lab.
    const excusesUsed = new Set<string>();
    for (const [url, errors] of corsErrors) {
      const failed = all.filter((r) => r.exchange.outcome.kind === 'failed' && r.exchange.legs.some((leg) => leg.request.url === url));
      expect(failed.length, url).toBeGreaterThanOrEqual(errors.length);
      const scenario = parseScenarioPath(new URL(url).pathname)?.scenario ?? url;
      const unseen = BEYOND_WEBREQUEST[scenario] ?? [];
      const verdicts = failed.map((r) => ({
        recorded: r.verdict.chromium.corsError ?? 'none',
        withLabFields: unseen.length === 0 ? null : corsErrorWithLabFields(r.exchange, url, unseen),
      }));
      for (const error of errors) {
        const recorded = verdicts.findIndex((v) => v.recorded === error);
        const filled = recorded === -1 ? verdicts.findIndex((v) => v.withLabFields === error) : -1;
        if (filled !== -1) excusesUsed.add(scenario);
        const at = recorded !== -1 ? recorded : filled;
        if (at !== -1) verdicts.splice(at, 1);
        else {
          const withLab = unseen.length === 0 ? '' : ` (with ${unseen.join(', ')} from the lab: ${verdicts.map((v) => v.withLabFields).join('|')})`;
          verdictMismatches.push(`${scenario}: CDP ${error}, evaluator ${verdicts.map((v) => v.recorded).join('|')}${withLab}`);
        }
      }
    }
    expect(verdictMismatches).toEqual([]);
    expect(Object.keys(BEYOND_WEBREQUEST).filter((scenario) => !excusesUsed.has(scenario))).toEqual([]);
    const ids = all.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('flags preflight cache hits where no OPTIONS reached the lab', async () => {
    lab.clearWire();
    await labPage.evaluate(`window.labRun('cache-max-age-60')`);
    const put = lab.wire.filter((w) => w.scenario === 'cache-max-age-60');
    expect(put.filter((w) => w.method === 'OPTIONS')).toHaveLength(1);
    const url = put[0]?.url ?? '';
    await expect.poll(async () => (await records()).filter((r) => firstUrl(r) === url && !r.pending).length).toBe(2);
    const [first, second] = (await records()).filter((r) => firstUrl(r) === url);
    expect(first?.exchange.legs[0]?.preflight?.kind).toBe('observed');
    const hit = second?.exchange.legs[0]?.preflight;
    expect(hit?.kind).toBe('cache-hit');
    expect(hit?.kind === 'cache-hit' && hit.sourceExchangeId).toBe(first?.id);
    expect(hit?.kind === 'cache-hit' && hit.maxAgeSeconds).toBe(60);
  });

  it('loses nothing when the worker is stopped mid-run; the panel reconnects and recording continues', async () => {
    const before = await records();
    expect(before.length).toBeGreaterThan(60);
    // Wait until the batched write reached storage.session (the worker writes at most every 200 ms).
    await expect
      .poll(async () => panel.evaluate(STORED_COUNT))
      .toBe(before.length);
    const cdp = await s.context.newCDPSession(panel);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(async () => (await probe()).disconnects, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await probe()).connected, { timeout: 15_000 }).toBe(true);
    const after = await records();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    // Recording continues in the restarted worker.
    lab.clearWire();
    await labPage.evaluate(`window.labRun('preflight-put-pass')`);
    const url = lab.wire.find((w) => w.method === 'PUT')?.url ?? '';
    await expect.poll(async () => (await records()).filter((r) => firstUrl(r) === url && !r.pending && r.exchange.legs[0]?.preflight?.kind === 'observed').length).toBe(1);
  });

  it('loses nothing persisted when the worker is stopped in the middle of a burst', async () => {
    await labPage.goto(`${lab.pageOrigin}/burst.html`);
    await expect.poll(async () => (await records()).length).toBe(0);
    // The navigation cleared the log; its batched write must have removed the earlier tests'
    // chunks from storage.session too, or they would be counted as the burst's.
    await expect.poll(async () => panel.evaluate(STORED_COUNT)).toBe(0);
    await labPage.evaluate('window.labReady');
    const disconnects = (await probe()).disconnects;
    const burst = labPage.evaluate('window.labBurst(400, 0.5)');
    await expect.poll(async () => ((await panel.evaluate(STORED_IDS)) as string[]).length, { timeout: 30_000 }).toBeGreaterThan(50);
    const persisted = (await panel.evaluate(STORED_IDS)) as string[];
    const cdp = await s.context.newCDPSession(panel);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await burst;
    await expect.poll(async () => (await probe()).disconnects, { timeout: 15_000 }).toBeGreaterThan(disconnects);
    await expect.poll(async () => (await probe()).connected, { timeout: 15_000 }).toBe(true);
    const after = new Set((await records()).map((r) => r.id));
    expect(persisted.filter((id) => !after.has(id))).toEqual([]);
  });

  it('a burst of 1,000 fetches (half preflighted): 0 dropped, 0 mis-paired', async () => {
    // Navigating clears the log (Preserve log is off): the burst starts from an empty list.
    await labPage.goto(`${lab.pageOrigin}/burst.html?again`);
    await expect.poll(async () => (await records()).length).toBe(0);
    await labPage.evaluate('window.labReady');
    const result = (await labPage.evaluate('window.labBurst(1000, 0.5)')) as { ok: number; preflighted: number };
    expect(result.ok).toBe(1000);
    await expect.poll(async () => (await records()).filter((r) => !r.pending).length, { timeout: 60_000 }).toBe(1000);
    const all = await records();
    let preflighted = 0;
    for (const r of all) {
      const leg = r.exchange.legs[0];
      expect(r.exchange.legs).toHaveLength(1);
      expect(r.exchange.outcome.kind).toBe('succeeded');
      if (leg?.request.method === 'PUT') {
        preflighted += 1;
        expect(leg.preflight?.kind).toBe('observed');
        // Mis-pairing would show as a preflight for another URL (every burst URL is unique).
        expect(leg.preflight?.kind === 'observed' && leg.preflight.request.url).toBe(leg.request.url);
      } else {
        expect(leg?.preflight).toBeNull();
      }
    }
    expect(preflighted).toBe(result.preflighted);
    expect(new Set(all.map(firstUrl)).size).toBe(1000);
  });
});
