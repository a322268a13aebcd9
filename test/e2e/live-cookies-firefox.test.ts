/**
 * The cookie rows of the live extension against Firefox, as far as its console tells, with
 * `network.cookie.cookieBehavior` 5 (Total Cookie Protection, its default), 0 and 1.
 *
 * dist/firefox records the lab page's tab while the pop-out panel page's port is connected; the
 * lab's cookie lessons run in that tab. Each `Set-Cookie` line's Firefox reasons must equal the
 * keys of the cookie messages Firefox logged for it, and the cookies a row says were sent must be
 * the `Cookie` header on the wire. The rows are the panel's and the report's, under the setting
 * the worker read from `privacy.websites.cookieConfig` — which must itself be the pref's. What
 * may excuse a difference, structurally, is in test/harness/live-cookies.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirefoxCookieProbe, type FirefoxCookieStep } from '../../lab/probe-cookies-firefox.ts';
import { cookieScenarios as LESSONS } from '../../lab/scenarios-cookies.ts';
import { labLessons } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { sanitizeCookieSetting } from '../../src/shared/cookies/browser-setting.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import { compareWithFirefox } from '../harness/cookie-differences.ts';
import { probeRequest, READ_PROBE, recordsOf, type ProbeState } from '../harness/extension.ts';
import { openFirefoxProbe } from '../harness/firefox-capture.ts';
import { parseFirefoxCookieMessage } from '../harness/firefox-cookies.ts';
import { LiveCookieJudge, missingUrls } from '../harness/live-cookies.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
});
afterAll(async () => {
  await lab.close();
});

describe.each([5, 0, 1] as const)('Firefox with the extension, network.cookie.cookieBehavior %i', (behavior) => {
  it('every cookie row of the live capture equals what Firefox logged and sent', async () => {
    const probe = await FirefoxCookieProbe.launch(lab, behavior, { extension: true });
    const runs: { id: string; run: string; steps: FirefoxCookieStep[] }[] = [];
    let records: ExchangeRecord[] = [];
    let setting: unknown;
    try {
      const { panel } = await openFirefoxProbe(probe.session, lab.pageOrigin);
      setting = await panel.evaluate(probeRequest('getCookieSetting'));
      for (const lesson of LESSONS) runs.push({ id: lesson.id, ...(await probe.run(lab, lesson.id, lesson.steps.length)) });
      const urls = runs.flatMap((r) => r.steps.flatMap((st) => st.sent.map((w) => w.url)));
      const read = async (): Promise<ExchangeRecord[]> => recordsOf((await panel.evaluate(READ_PROBE)) as ProbeState);
      await expect.poll(async () => missingUrls(urls, await read()), { timeout: 30_000 }).toEqual([]);
      records = await read();
    } finally {
      await probe.close();
    }
    // the extension read the pref from privacy.websites.cookieConfig
    const known = sanitizeCookieSetting(setting);
    expect(known).toEqual({ browser: 'firefox', cookieBehavior: behavior });
    const judge = new LiveCookieJudge(records, known);
    for (const { id, run, steps } of runs) {
      for (const st of steps) {
        const messages = st.messages.flatMap((m) => parseFirefoxCookieMessage(m.message) ?? []);
        for (const w of st.sent) judge.judge(`${id}#${st.step}`, w.url, w.setCookie, (rows, d) => compareWithFirefox(`${id}#${st.step}`, run, w, rows, messages, d));
      }
    }
    expect(judge.differences.list).toEqual([]);
    // the browser's jar (the cookies API) confirmed rows
    expect(judge.jarRows).toBeGreaterThan(0);
    expect(judge.differences.compared).toBeGreaterThan(40);
    console.log(`live cookies, Firefox ${behavior}: ${judge.differences.compared} comparisons, ${judge.jarRows} rows from the browser's jar; excused (credentialsMode): ${judge.excused.join(', ') || 'none'}; same-origin, not recorded: ${judge.notRecorded.join(', ')}`);
  });
});
