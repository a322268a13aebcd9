/**
 * The cookie rows of the live extension against Chromium's own decisions, in both
 * third-party-cookie worlds (the profile's `profile.cookie_controls_mode` 1 and 0).
 *
 * dist/chrome records the lab page's tab while the pop-out panel page's port is connected; the
 * lab's cookie lessons run in that tab, and a CDP session on the same tab records what Chromium
 * decided for the same fetches (`requestWillBeSentExtraInfo.associatedCookies`,
 * `responseReceivedExtraInfo.blockedCookies`). The rows compared are the panel's and the
 * report's, under the setting the worker read from `privacy.websites` — which must itself be the
 * profile's. What may excuse a difference, structurally, is in test/harness/live-cookies.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestFor } from '../../manifest.config.ts';
import { chromiumArgsFor } from '../../lab/browser-setup.ts';
import { ChromiumCookieProbe, type ChromiumCookieStep } from '../../lab/probe-cookies-chromium.ts';
import { cookieScenarios as LESSONS } from '../../lab/scenarios-cookies.ts';
import { labLessons } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { sanitizeCookieSetting } from '../../src/shared/cookies/browser-setting.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import { launchChromium } from '../harness/browsers.ts';
import { compareWithCdp } from '../harness/cookie-differences.ts';
import { openChromiumProbe, PANEL_PATH, probeRequest, READ_PROBE, recordsOf, type ProbeState } from '../harness/extension.ts';
import { LiveCookieJudge, missingUrls } from '../harness/live-cookies.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
});
afterAll(async () => {
  await lab.close();
});

describe.each([
  ['blocked', 1],
  ['allowed', 0],
] as const)('Chromium with the extension, third-party cookies %s (cookie_controls_mode %i)', (world, mode) => {
  it('every cookie row of the live capture equals CDP', async () => {
    const s = await launchChromium({ extension: true, preferences: { profile: { cookie_controls_mode: mode } }, args: chromiumArgsFor(undefined, lab) });
    const runs: { id: string; run: string; steps: ChromiumCookieStep[] }[] = [];
    let records: ExchangeRecord[] = [];
    let setting: unknown;
    try {
      const page = await s.context.newPage();
      const cdp = await ChromiumCookieProbe.attach(s.context, page);
      await page.goto(`${lab.pageOrigin}/`);
      await page.evaluate('window.labReady');
      const { panel } = await openChromiumProbe(s, lab.pageOrigin);
      setting = await panel.evaluate(probeRequest('getCookieSetting'));
      for (const lesson of LESSONS) runs.push({ id: lesson.id, ...(await cdp.run(lesson.id, lesson.steps.length)) });
      const urls = runs.flatMap((r) => r.steps.flatMap((st) => st.exchanges.map((x) => x.url)));
      const read = async (): Promise<ExchangeRecord[]> => recordsOf((await panel.evaluate(READ_PROBE)) as ProbeState);
      await expect.poll(async () => missingUrls(urls, await read()), { timeout: 30_000 }).toEqual([]);
      records = await read();
    } finally {
      await s.close();
    }
    // the extension read the profile's setting from privacy.websites
    const known = sanitizeCookieSetting(setting);
    expect(known).toEqual({ browser: 'chromium', thirdPartyCookies: world });
    const judge = new LiveCookieJudge(records, known);
    for (const { id, run, steps } of runs) {
      for (const st of steps) {
        for (const x of st.exchanges) judge.judge(`${id}#${st.step}`, x.url, x.setCookieLines, (rows, d) => compareWithCdp(`${id}#${st.step}`, run, x, rows, x.setCookieLines, d));
      }
    }
    expect(judge.differences.list).toEqual([]);
    // the browser's jar (the cookies API) confirmed rows
    expect(judge.jarRows).toBeGreaterThan(0);
    expect(judge.differences.compared).toBeGreaterThan(60);
    console.log(`live cookies, Chromium ${world}: ${judge.differences.compared} comparisons, ${judge.jarRows} rows from the browser's jar; excused (credentialsMode): ${judge.excused.join(', ') || 'none'}; same-origin, not recorded: ${judge.notRecorded.join(', ')}`);
  });
});

describe('Chromium: the third-party-cookie setting followed live', () => {
  it('a change of privacy.websites.thirdPartyCookiesAllowed reaches the connected panel as a cookie-setting event', async () => {
    const s = await launchChromium({ extension: true, preferences: { profile: { cookie_controls_mode: 1 } } });
    try {
      const page = await s.context.newPage();
      await page.goto(`${lab.pageOrigin}/`);
      const { panel } = await openChromiumProbe(s, lab.pageOrigin);
      await panel.evaluate(`globalThis.__settings = []; globalThis.__probe.port.onMessage.addListener((m) => {
        const events = !m ? [] : m.kind === 'batch' ? m.events : m.kind === 'event' ? [m.event] : [];
        for (const e of events) if (e.type === 'cookie-setting') globalThis.__settings.push(e.setting);
      })`);
      // the change comes from this extension's own page here (the test cannot click chrome://settings); onChange fires alike
      await panel.evaluate(() => chrome.privacy.websites.thirdPartyCookiesAllowed.set({ value: true }));
      await expect.poll(() => panel.evaluate('globalThis.__settings')).toContainEqual({ browser: 'chromium', thirdPartyCookies: 'allowed' });
    } finally {
      await s.close();
    }
  });
});

describe('Chromium: the install-time warnings of the permissions', () => {
  it('the `cookies` permission adds none (the host permission already warns)', async () => {
    const s = await launchChromium({ extension: true });
    try {
      const page = await s.context.newPage();
      await page.goto(`chrome-extension://${s.extensionId ?? ''}/${PANEL_PATH}`);
      const manifest = manifestFor('chrome');
      const warnings = (permissions: string[]): Promise<string[]> =>
        page.evaluate((m) => chrome.management.getPermissionWarningsByManifest(m), JSON.stringify({ ...manifest, permissions })) as Promise<string[]>;
      const all = await warnings(manifest.permissions);
      expect(all.length).toBeGreaterThan(0);
      expect(await warnings(manifest.permissions.filter((p) => p !== 'cookies'))).toEqual(all);
      console.log(`Chromium install-time warnings: ${JSON.stringify(all)}`);
    } finally {
      await s.close();
    }
  });
});
