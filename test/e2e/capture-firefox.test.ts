/**
 * The worker in real Firefox ESR with dist/firefox installed as a temporary add-on: the lab
 * scenarios, each fetch recorded once with its preflight and CORS headers, the outcome and the
 * verdict Firefox itself logged (its console service, read in the privileged scope as
 * `test/harness/firefox-console.ts` does for the differential test), and a 1,000-fetch burst. Firefox quirks this relies on: webRequest shows preflights without
 * `extraHeaders`; a CORS-blocked simple request ends as `onCompleted` (headers decide); the
 * moz-extension page is reachable thanks to `--remote-allow-system-access` (feasibility §5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { scenarios } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { getHeader } from '../../src/shared/http/headers.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import type { FirefoxConsole } from '../harness/firefox-console.ts';
import { consoleReasons, firstUrl, miscountedUrls, pageDisagreements, stepsOnWire, type ProbeState } from '../harness/extension.ts';
import { openFirefoxCapture, startFirefoxLabCapture, type FirefoxCapture, type FirefoxLabCapture } from '../harness/firefox-capture.ts';

/**
 * Fetches whose Firefox verdict depends on something webRequest does not show, by scenario id,
 * with what is missing. Only these may record a reason other than the one Firefox logged.
 *
 * Firefox counts `Access-Control-Allow-Origin` lines (two lines → CORSMultipleAllowOriginNotAllowed,
 * one line `a, b` → CORSAllowOriginNotMatchingOrigin), but its webRequest joins repeated response
 * header lines into one with `, ` (test/fixtures/webrequest/firefox/acao-two-lines.json holds one
 * ACAO `<origin>, <origin>`), so the two cases arrive identical. Both are blocked either way, so
 * for these the recorded reason must still be a reason (blocked); only which one is undecidable.
 */
const BEYOND_WEBREQUEST: Readonly<Record<string, string>> = {
  'acao-two-lines': 'number of ACAO header lines (webRequest joins them into one)',
  'preflight-acao-two-lines': 'number of ACAO header lines on the preflight response (webRequest joins them into one)',
};

let lab: Lab;
let capture: FirefoxCapture;
let labPage: Page;
let firefoxConsole: FirefoxConsole;

/** The lab scenario a URL belongs to (`…/s/<id>/…`). */
function scenarioOf(url: string): string {
  return url.split('/s/')[1]?.split('/')[0] ?? url;
}

const records = (): Promise<ExchangeRecord[]> => capture.records();

let env: FirefoxLabCapture | undefined;

beforeAll(async () => {
  env = await startFirefoxLabCapture();
  ({ lab, capture, firefoxConsole } = env);
  labPage = capture.labPage;
});

afterAll(() => env?.close());

describe('Firefox: capture of the lab scenarios', () => {
  it('records every fetch once, with its preflight, CORS headers, outcome and Firefox’s own verdict', async () => {
    lab.clearWire();
    await firefoxConsole.collect(); // whatever was logged before the lab ran is not ours
    // The scenarios labRunAll({ skipSlow: true }) runs, one at a time: the console service keeps
    // only its most recent messages, so it is read after each.
    const results: Record<string, { url: string; ok: boolean }[]> = {};
    for (const scenario of scenarios) {
      if (scenario.slow === true) continue;
      results[scenario.id] = (await labPage.evaluate(`window.labRun(${JSON.stringify(scenario.id)})`)) as { url: string; ok: boolean }[];
      await firefoxConsole.collect();
    }
    const wire = [...lab.wire];
    const { steps, perUrl: stepsPerUrl } = stepsOnWire(results, wire);
    expect(stepsPerUrl.size).toBeGreaterThan(60);
    // Settled: an exchange in flight has no verdict yet (the worker evaluates it once it settles).
    await expect.poll(async () => miscountedUrls(await records(), stepsPerUrl, (r) => !r.pending), { timeout: 30_000 }).toEqual([]);
    const all = await records();
    for (const r of all) {
      const url = firstUrl(r);
      for (const leg of r.exchange.legs) {
        if (leg.preflight?.kind !== 'observed') continue;
        expect(getHeader(leg.preflight.request.headers, 'origin'), url).not.toBeNull();
        expect(getHeader(leg.preflight.request.headers, 'access-control-request-method'), url).toBe(leg.request.method);
      }
      const optionsOnWire = wire.filter((w) => w.url === url && w.method === 'OPTIONS').length;
      const observedHere = all.filter((o) => firstUrl(o) === url && o.exchange.legs[0]?.preflight?.kind === 'observed').length;
      // Network-level retries (the lab closing the connection) put more OPTIONS on the wire.
      if (!url.includes('network-error')) expect(observedHere, url).toBe(optionsOnWire);
    }
    // What the page saw agrees with the exchange, for every kind of request (an element's only
    // sign is its load or error event).
    expect(pageDisagreements(steps, all)).toEqual({ unexcused: [], unusedExcuses: [] });
    // The verdict agrees with Firefox: for each exchange the lab ran, the recorded Firefox reason
    // is the one Firefox logged for it (null when none), except where webRequest cannot show what
    // decided it (listed in BEYOND_WEBREQUEST: there both must still block).
    const ran = all.filter((r) => stepsPerUrl.has(firstUrl(r)));
    const logged = consoleReasons(ran, firefoxConsole.all());
    expect([...logged.values()].filter((reason) => reason !== null).length).toBeGreaterThan(10);
    const verdictMismatches = ran.flatMap((r) => {
      const want = logged.get(r.id) ?? null;
      const got = r.verdict.firefox.firefoxReason;
      if (got === want) return [];
      if (Object.hasOwn(BEYOND_WEBREQUEST, scenarioOf(firstUrl(r))) && got !== null && want !== null) return [];
      return [`${scenarioOf(firstUrl(r))}: console ${want ?? 'none'}, recorded ${got ?? 'none'} (${firstUrl(r)})`];
    });
    expect(verdictMismatches).toEqual([]);
    const ids = all.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a burst of 1,000 fetches (half preflighted): 0 dropped, 0 mis-paired', async () => {
    await labPage.goto(`${lab.pageOrigin}/burst.html`);
    await expect.poll(async () => (await records()).length).toBe(0);
    await labPage.evaluate('window.labReady');
    const result = (await labPage.evaluate('window.labBurst(1000, 0.5)')) as { ok: number; preflighted: number };
    expect(result.ok).toBe(1000);
    await expect.poll(async () => (await records()).filter((r) => !r.pending).length, { timeout: 60_000 }).toBe(1000);
    const all = await records();
    let preflighted = 0;
    for (const r of all) {
      const leg = r.exchange.legs[0];
      if (leg?.request.method === 'PUT') {
        preflighted += 1;
        expect(leg.preflight?.kind === 'observed' && leg.preflight.request.url).toBe(leg.request.url);
      } else {
        expect(leg?.preflight).toBeNull();
      }
    }
    expect(preflighted).toBe(result.preflighted);
    expect(new Set(all.map(firstUrl)).size).toBe(1000);
  });
});

describe('Firefox: the event page suspended while idle', () => {
  let ff: FirefoxCapture;
  let lab2: Lab;
  let page: Page;
  let ext: Page;

  const read = (): Promise<ProbeState> => ff.probe();
  const urlsOf = async (): Promise<string[]> => Object.values((await read()).records).map(firstUrl).sort();

  beforeAll(async () => {
    lab2 = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
    // Firefox suspends an idle MV3 event page after 30 s; 3 s makes it happen within the test.
    ff = await openFirefoxCapture(lab2, { 'extensions.background.idle.timeout': 3000 });
    page = ff.labPage;
    ext = ff.panel;
  });

  afterAll(async () => {
    await ff?.session.close();
    await lab2?.close();
  });

  it('loses nothing: the panel reconnects to the restarted page, which restores the log and records on', async () => {
    lab2.clearWire();
    await page.evaluate(`window.labRun('preflight-put-pass')`);
    const first = lab2.wire.find((w) => w.method === 'PUT')?.url ?? '';
    await expect.poll(urlsOf).toEqual([first]);
    // No message on the port: Firefox suspends the page; the probe sees the port drop and reconnects.
    await expect.poll(async () => (await read()).disconnects, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await read()).connected, { timeout: 15_000 }).toBe(true);
    expect(await urlsOf()).toEqual([first]);
    // Messages keep it awake, as the panel's connection pings (every 20 s against Firefox's 30 s).
    await ext.evaluate(`setInterval(() => { try { globalThis.__probe.port.postMessage({ source: 'cors-inspector', kind: 'request', id: 1, name: 'ping', params: [] }); } catch {} }, 500); true`);
    lab2.clearWire();
    await page.evaluate(`window.labRun('cache-max-age-60')`);
    const second = lab2.wire.find((w) => w.method === 'PUT')?.url ?? '';
    await expect.poll(async () => (await urlsOf()).filter((u) => u === second).length).toBe(2);
    expect(await urlsOf()).toContain(first);
  });
});
