/**
 * The cookie rows of the live extension against Chromium's own decisions, in both
 * third-party-cookie worlds (the profile's `profile.cookie_controls_mode` 1 and 0).
 *
 * dist/chrome records the lab page's tab while the pop-out panel page's port is connected; the
 * lab's cookie lessons run in that tab, and a CDP session on the same tab records what Chromium
 * decided for the same fetches (`requestWillBeSentExtraInfo.associatedCookies`,
 * `responseReceivedExtraInfo.blockedCookies`). The rows compared are the panel's and the
 * report's: `logCookies` (src/panel/state/cookies.ts) over the records the worker sent, under the
 * setting the worker read from `privacy.websites` — which must itself be the profile's.
 *
 * webRequest does not show fetch()'s credentials mode. Where the live rows differ from CDP, the
 * exchange is decided again with that one field (`credentialsMode`) taken from the lesson's
 * step, and must then agree (only an exchange whose record lacks that field may be excused);
 * the excused steps are printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgsFor } from '../../lab/browser-setup.ts';
import { ChromiumCookieProbe, type ChromiumCookieStep } from '../../lab/probe-cookies-chromium.ts';
import { cookieScenarios as LESSONS } from '../../lab/scenarios-cookies.ts';
import { labLessons } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import type { Step } from '../../lab/types.ts';
import { parseScenarioPath } from '../../lab/urls.ts';
import { sanitizeCookieSetting } from '../../src/shared/cookies/browser-setting.ts';
import type { CredentialsMode } from '../../src/shared/model/exchange.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import { logCookies } from '../../src/panel/state/cookies.ts';
import { launchChromium } from '../harness/browsers.ts';
import { compareWithCdp, Differences } from '../harness/cookie-differences.ts';
import { openChromiumProbe, probeRequest, READ_PROBE, recordsOf, type ProbeState } from '../harness/extension.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
});
afterAll(async () => {
  await lab.close();
});

/** The lesson step that made `url`. */
function stepOf(url: string): Step | undefined {
  const address = parseScenarioPath(new URL(url).pathname);
  return address === null ? undefined : LESSONS.find((s) => s.id === address.scenario)?.steps[address.step];
}

/** The fetch()'s credentials mode of the lesson step that made `url` (fetch's default when the step names none). */
function lessonCredentials(url: string): CredentialsMode | undefined {
  const step = stepOf(url);
  return step === undefined ? undefined : (step.credentials ?? 'same-origin');
}

/**
 * A request to the page's own origin: not CORS, so the capture never records it (src/shared/capture/tracker.ts
 * drops same-origin requests); its cookies are outside the live rows.
 */
const unrecorded = (url: string): boolean => stepOf(url)?.target === 'same-origin';

/** The records with the one field webRequest cannot see filled in from the lessons. */
function withLessonCredentials(records: readonly ExchangeRecord[]): ExchangeRecord[] {
  return records.map((r) => {
    const mode = lessonCredentials(r.exchange.legs[0]?.request.url ?? '');
    return mode === undefined || r.exchange.credentialsMode !== undefined ? r : { ...r, exchange: { ...r.exchange, credentialsMode: mode } };
  });
}

const hasUrl = (url: string) => (r: ExchangeRecord): boolean => !r.pending && r.exchange.legs.some((leg) => leg.request.url === url);

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
      const urls = runs.flatMap((r) => r.steps.flatMap((st) => st.exchanges.map((x) => x.url))).filter((u) => !unrecorded(u));
      const read = async (): Promise<ExchangeRecord[]> => recordsOf((await panel.evaluate(READ_PROBE)) as ProbeState);
      await expect.poll(async () => { const all = await read(); return urls.filter((u) => !all.some(hasUrl(u))); }, { timeout: 30_000 }).toEqual([]);
      records = await read();
    } finally {
      await s.close();
    }
    // the extension read the profile's setting from privacy.websites
    const known = sanitizeCookieSetting(setting);
    expect(known).toEqual({ browser: 'chromium', thirdPartyCookies: world });

    const live = logCookies(records, known);
    const lessonFilled = logCookies(withLessonCredentials(records), known);
    const d = new Differences();
    const excused: string[] = [];
    const notRecorded: string[] = [];
    const taken = new Set<string>();
    for (const { id, run, steps } of runs) {
      for (const st of steps) {
        for (const x of st.exchanges) {
          const where = `${id}#${st.step}`;
          if (unrecorded(x.url)) {
            notRecorded.push(where);
            continue;
          }
          const record = records.find((r) => !taken.has(r.id) && hasUrl(x.url)(r));
          if (record === undefined) {
            d.check(false, () => `${where}: the extension recorded no exchange for ${x.url}`);
            continue;
          }
          taken.add(record.id);
          const rows = live.byExchange.get(record.id) ?? { request: [], response: [] };
          const lines = rows.response.map((r) => r.line);
          // webRequest saw every Set-Cookie line Chromium processed, in order
          d.check(JSON.stringify(lines) === JSON.stringify(x.setCookieLines), () => `${where}: lines ${lines.join(' | ')}; CDP ${x.setCookieLines.join(' | ')}`);
          const here = new Differences();
          compareWithCdp(where, run, x, rows, lines, here);
          d.compared += here.compared;
          if (here.list.length === 0) continue;
          const again = new Differences();
          const filled = lessonFilled.byExchange.get(record.id) ?? { request: [], response: [] };
          compareWithCdp(where, run, x, filled, filled.response.map((r) => r.line), again);
          if (record.exchange.credentialsMode === undefined && again.list.length === 0) excused.push(`${where}: credentialsMode`);
          else d.list.push(...here.list);
        }
      }
    }
    expect(d.list).toEqual([]);
    expect(d.compared).toBeGreaterThan(60);
    // what webRequest's blind spot excused, listed so a change shows in the diff of this snapshot
    console.log(`live cookies (${world}): ${d.compared} comparisons; excused by credentialsMode: ${excused.join(', ') || 'none'}; same-origin, not recorded: ${notRecorded.join(', ')}`);
  });
});
