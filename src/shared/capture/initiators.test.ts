/**
 * Who made each request, replayed from real recordings of the lab's workers and frames
 * (scripts/record-webrequest.ts, Chromium 156 and Firefox 153): what each browser's webRequest
 * lets the capture say, and which inspected tabs a tabless worker's requests are shown in.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../model/exchange.ts';
import type { RequestInitiator } from '../model/initiator.ts';
import { LAB_TAB, loadFixture, replay } from '../../../test/fixtures/webrequest/load.ts';
import { CaptureTracker, type TrackedExchange } from './tracker.ts';

type Expected = Readonly<Record<BrowserName, Pick<RequestInitiator, 'kind' | 'orDedicatedWorker'>>>;

/** Recording → who made its cross-origin requests, per browser. */
const CASES: Readonly<Record<string, Expected>> = {
  'preflight-put-pass': { chromium: { kind: 'page' }, firefox: { kind: 'page' } },
  // Chromium quirk: a dedicated worker's requests carry its document's ids; the worker's script
  // fetch (Sec-Fetch-Dest: worker) shows the document started one.
  'in-worker-preflight-put-pass': { chromium: { kind: 'page', orDedicatedWorker: true }, firefox: { kind: 'worker' } },
  'in-module-worker-preflight-put-pass': { chromium: { kind: 'page', orDedicatedWorker: true }, firefox: { kind: 'worker' } },
  // Tabless (tabId −1): which kind shows only where its script's fetch was seen and the browser names the script (Firefox).
  'in-shared-worker-preflight-put-pass': { chromium: { kind: 'service-or-shared-worker' }, firefox: { kind: 'shared-worker' } },
  'in-shared-worker-missing-acao-200': { chromium: { kind: 'service-or-shared-worker' }, firefox: { kind: 'service-or-shared-worker' } },
  'in-service-worker-preflight-put-pass': { chromium: { kind: 'service-or-shared-worker' }, firefox: { kind: 'service-worker' } },
  'in-service-worker-missing-acao-200': { chromium: { kind: 'service-or-shared-worker' }, firefox: { kind: 'service-or-shared-worker' } },
  'in-cross-site-frame-preflight-put-pass': { chromium: { kind: 'frame' }, firefox: { kind: 'frame' } },
};

/** The recording's exchanges with the lab's API (its `/s/` scenario URLs). */
function scenarioExchanges(tracked: readonly TrackedExchange[]): TrackedExchange[] {
  return tracked.filter((x) => x.legs[0]?.request.url.includes('/s/') === true);
}

describe.each(['chromium', 'firefox'] as const)('%s: who made each request', (browser) => {
  it.each(Object.entries(CASES))('%s', (name, expected) => {
    const fixture = loadFixture(browser, name);
    const exchanges = scenarioExchanges(replay(fixture).tracked);
    expect(exchanges.length).toBeGreaterThan(0);
    for (const x of exchanges) {
      const { kind, orDedicatedWorker } = x.initiator;
      expect({ kind, ...(orDedicatedWorker ? { orDedicatedWorker } : {}) }).toEqual(expected[browser]);
      // A worker named by the browser is named by its script.
      if (browser === 'firefox' && kind !== 'page' && kind !== 'frame') expect(x.initiator.url).toMatch(/worker\.js$|sw\.js$/);
      // A tabless worker's request is shown in the recording's tab (the lab page), every other in its own.
      const labTabs = fixture.tabIds?.filter((t) => t >= 0) ?? [];
      expect(x.tabs).toEqual(x.tabId >= 0 ? [x.tabId] : labTabs.length > 0 ? labTabs : [LAB_TAB]);
    }
  });
});

describe('a tabless worker’s request is shown in the inspected tabs with a document of its origin', () => {
  const fixture = loadFixture('chromium', 'in-service-worker-preflight-put-pass');
  const labPage = `${fixture.pageOrigin}/`;

  function replayWithTabs(tabs: Readonly<Record<number, string>>): TrackedExchange[] {
    const seen = new Map<string, TrackedExchange>();
    const tracker = new CaptureTracker({ browser: 'chromium', onChange: (x) => seen.set(x.id, x) });
    for (const [tabId, url] of Object.entries(tabs)) tracker.watchTab(Number(tabId), url);
    for (const event of fixture.events) tracker.push(event);
    return scenarioExchanges([...seen.values()]);
  }

  it('one tab of its origin: that tab, unambiguously', () => {
    const [x] = replayWithTabs({ 3: labPage, 4: 'http://elsewhere.test/' });
    expect(x?.tabs).toEqual([3]);
    expect(x?.initiator.sharedByTabs).toBeUndefined();
  });

  it('two tabs of its origin: both, saying it is shared', () => {
    const [x] = replayWithTabs({ 3: labPage, 5: `${fixture.pageOrigin}/other` });
    expect(x?.tabs).toEqual([3, 5]);
    expect(x?.initiator.sharedByTabs).toBe(2);
  });

  it('no tab of its origin: not recorded at all', () => {
    expect(replayWithTabs({ 3: 'http://elsewhere.test/' })).toEqual([]);
  });

  it('a tab that navigated away no longer claims it', () => {
    const seen = new Map<string, TrackedExchange>();
    const tracker = new CaptureTracker({ browser: 'chromium', onChange: (x) => seen.set(x.id, x) });
    tracker.watchTab(3, labPage);
    tracker.tabDocument(3, 'http://elsewhere.test/', true);
    for (const event of fixture.events) tracker.push(event);
    expect(seen.size).toBe(0);
  });
});
