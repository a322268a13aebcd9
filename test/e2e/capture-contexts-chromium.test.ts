/**
 * Every request of the tab, in real Chromium with dist/chrome loaded as `npm start` loads it
 * (`Extensions.loadUnpacked` over the DevTools pipe): lab scenarios run in a dedicated worker, a
 * module worker, a shared worker, the page's service worker and a frame of another site. Each
 * fetch appears once in the tab's list, with who made it and the verdict Chromium itself gave
 * (`Network.loadingFailed.corsErrorStatus`, read in the worker's or frame's own DevTools target).
 * A tabless worker's request shown in two inspected tabs of its origin says so; a tab of another
 * origin does not show it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLab, type Lab } from '../../lab/server.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import { launchChromiumOverPipe, type PipeChromium } from '../harness/chromium-pipe.ts';
import { firstUrl, miscountedUrls, PANEL_PATH, PROBE_SOURCE, READ_PROBE, recordsOf, stepsOnWire, type ProbeState } from '../harness/extension.ts';
import { CONTEXT_SCENARIOS, CONTEXTS, EXPECTED_INITIATOR, RUN_IN, whoOf, type ContextName } from '../harness/request-contexts.ts';

/** The DevTools target type a context's requests come from. */
const TARGET_TYPE: Readonly<Record<ContextName, string>> = {
  dedicated: 'worker',
  module: 'worker',
  shared: 'shared_worker',
  service: 'service_worker',
  'cross-site-frame': 'iframe',
};

let lab: Lab;
let chrome: PipeChromium;
let labTab: string;

/** Opens the pop-out panel for the tab showing `pageOrigin`, with a probe; resolves with its session. */
async function openProbe(pageUrl: string): Promise<string> {
  const base = `chrome-extension://${chrome.extensionId}/${PANEL_PATH}`;
  const finder = await chrome.open(base);
  const tabId = await chrome.evaluate<number>(finder, `chrome.tabs.query({}).then((tabs) => tabs.filter((t) => t.url === ${JSON.stringify(pageUrl)}).map((t) => t.id).sort((a, b) => b - a)[0] ?? -1)`);
  expect(tabId).toBeGreaterThan(0);
  await chrome.evaluate(finder, 'window.close()').catch(() => undefined);
  const panel = await chrome.open(`${base}?tabId=${tabId}`);
  await chrome.evaluate(panel, `(${PROBE_SOURCE})(${tabId})`);
  await vi.waitFor(async () => expect((await probe(panel)).connected).toBe(true), { timeout: 15_000 });
  return panel;
}

async function probe(panel: string): Promise<ProbeState> {
  return chrome.evaluate<ProbeState>(panel, READ_PROBE);
}

async function records(panel: string): Promise<ExchangeRecord[]> {
  return recordsOf(await probe(panel));
}

let panel: string;

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
  chrome = await launchChromiumOverPipe();
  labTab = await chrome.open(`${lab.pageOrigin}/`);
  await chrome.evaluate(labTab, 'window.labReady');
  panel = await openProbe(`${lab.pageOrigin}/`);
});

afterAll(async () => {
  await chrome?.close();
  await lab?.close();
});

describe('Chromium: requests of workers and frames appear in the tab’s list', () => {
  it.each(CONTEXTS)('%s: once each, with who made it and Chromium’s own verdict', async (context) => {
    lab.clearWire();
    const results: Record<string, { url: string; ok: boolean }[]> = {};
    for (const id of CONTEXT_SCENARIOS) results[id] = await chrome.evaluate(labTab, RUN_IN[context](id));
    const { steps, perUrl } = stepsOnWire(results, lab.wire);
    expect(steps.length).toBeGreaterThanOrEqual(CONTEXT_SCENARIOS.length);
    await expect.poll(async () => miscountedUrls(await records(panel), perUrl, (r) => !r.pending), { timeout: 30_000 }).toEqual([]);
    const mine = (await records(panel)).filter((r) => perUrl.has(firstUrl(r)));
    // The lab really ran there: Chromium saw the requests in that target.
    for (const st of steps) expect([...(chrome.requesters.get(st.url) ?? [])], st.url).toContain(TARGET_TYPE[context]);
    for (const r of mine) expect(whoOf(r), firstUrl(r)).toEqual(EXPECTED_INITIATOR.chromium[context]);
    // Chromium's verdict: a fetch it failed with a CORS error names the same CorsError; every other one none.
    const mismatches = mine.flatMap((r) => {
      const errors = r.exchange.legs.flatMap((leg) => chrome.corsErrors.get(leg.request.url) ?? []);
      const recorded = r.verdict.chromium.corsError;
      const agrees = errors.length === 0 ? recorded === null : recorded !== null && errors.includes(recorded);
      return agrees ? [] : [`${firstUrl(r)}: CDP ${errors.join('|') || 'none'}, recorded ${recorded ?? 'none'}`];
    });
    expect(mismatches).toEqual([]);
    expect(mine.filter((r) => r.verdict.outcome === 'blocked').length).toBeGreaterThan(0);
    for (const st of steps.filter((x) => x.ok)) expect(mine.find((r) => firstUrl(r) === st.url)?.verdict.outcome, st.url).not.toBe('blocked');
  });

  it('a service worker’s request is shown in every inspected tab of its origin, saying so, and in no other', async () => {
    const second = await chrome.open(`${lab.pageOrigin}/?second`);
    await chrome.evaluate(second, 'window.labReady');
    const secondPanel = await openProbe(`${lab.pageOrigin}/?second`);
    // A tab of another origin, inspected too.
    await chrome.open(`${lab.apiCrossSite}/k/elsewhere?run=elsewhere`);
    const elsewherePanel = await openProbe(`${lab.apiCrossSite}/k/elsewhere?run=elsewhere`);
    lab.clearWire();
    const [step] = await chrome.evaluate<{ url: string }[]>(labTab, RUN_IN.service('missing-acao-200'));
    const url = step?.url ?? '';
    const shown = async (p: string) => (await records(p)).filter((r) => firstUrl(r) === url && !r.pending);
    await expect.poll(async () => (await shown(secondPanel)).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await shown(panel)).length).toBe(1);
    for (const p of [panel, secondPanel]) expect((await shown(p))[0]?.initiator).toEqual({ kind: 'service-or-shared-worker', sharedByTabs: 2 });
    expect(await shown(elsewherePanel)).toEqual([]);
  });
});
