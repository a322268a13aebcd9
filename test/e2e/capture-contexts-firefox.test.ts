/**
 * Every request of the tab, in real Firefox ESR with dist/firefox installed: lab scenarios run in
 * a dedicated worker, a module worker, a shared worker, the page's service worker and a frame of
 * another site. Each fetch appears once in the tab's list, with who made it (Firefox names the
 * worker) and the reason Firefox itself logged to its console service for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleReasons, firstUrl, miscountedUrls, stepsOnWire } from '../harness/extension.ts';
import { startFirefoxLabCapture, type FirefoxLabCapture } from '../harness/firefox-capture.ts';
import { CONTEXT_SCENARIOS, CONTEXTS, EXPECTED_INITIATOR, RUN_IN, whoOf } from '../harness/request-contexts.ts';

let env: FirefoxLabCapture;

beforeAll(async () => {
  env = await startFirefoxLabCapture();
});

afterAll(() => env?.close());

describe('Firefox: requests of workers and frames appear in the tab’s list', () => {
  it.each(CONTEXTS)('%s: once each, with who made it and Firefox’s own verdict', async (context) => {
    env.lab.clearWire();
    await env.firefoxConsole.collect(); // what was logged before is not this context's
    const before = env.firefoxConsole.all().length;
    const results: Record<string, { url: string; ok: boolean }[]> = {};
    for (const id of CONTEXT_SCENARIOS) {
      results[id] = (await env.capture.labPage.evaluate(RUN_IN[context](id))) as { url: string; ok: boolean }[];
      // The console service keeps only its most recent messages: read after each scenario.
      await env.firefoxConsole.collect();
    }
    const { steps, perUrl } = stepsOnWire(results, env.lab.wire);
    expect(steps.length).toBeGreaterThanOrEqual(CONTEXT_SCENARIOS.length);
    await expect.poll(async () => miscountedUrls(await env.capture.records(), perUrl, (r) => !r.pending), { timeout: 30_000 }).toEqual([]);
    const mine = (await env.capture.records()).filter((r) => perUrl.has(firstUrl(r)));
    for (const r of mine) expect(whoOf(r), firstUrl(r)).toEqual(EXPECTED_INITIATOR.firefox[context]);
    // Firefox's verdict: the reason it logged for the exchange (none when it logged none).
    const logged = consoleReasons(mine, env.firefoxConsole.all().slice(before));
    expect([...logged.values()].filter((reason) => reason !== null).length).toBeGreaterThan(0);
    const mismatches = mine.flatMap((r) => {
      const want = logged.get(r.id) ?? null;
      const got = r.verdict.firefox.firefoxReason;
      return got === want ? [] : [`${firstUrl(r)}: console ${want ?? 'none'}, recorded ${got ?? 'none'}`];
    });
    expect(mismatches).toEqual([]);
    for (const st of steps.filter((x) => x.ok)) expect(mine.find((r) => firstUrl(r) === st.url)?.verdict.outcome, st.url).not.toBe('blocked');
  });
});
