import { describe, expect, it } from 'vitest';
import { capIndexRanges as ranges, cookieCapScenarios } from '../../../lab/scenarios-cookie-caps.ts';
import type { CookiePolicy } from './context.ts';
import { simulateCookies, type CookieExchange } from './jar.ts';

const PAGE = 'http://localhost:8310/';
const RUN = 'r1';

/** A cap lesson as a recording: its steps' lines (run and scenario filled in), one second apart. */
function lessonExchanges(id: string): CookieExchange[] {
  const lesson = cookieCapScenarios.find((s) => s.id === id);
  if (lesson === undefined) throw new Error(`no lesson ${id}`);
  return lesson.steps.map((step, i) => ({
    request: { url: `http://localhost:8311/s/${id}/${i}/0?run=${RUN}`, topLevelUrl: PAGE, crossSiteAncestor: false, includeCredentials: true, at: 1_000 + i },
    setCookieLines: (step.hops[0]?.actual.headers ?? [])
      .filter(([name]) => name === 'Set-Cookie')
      .map(([, line]) => line.replaceAll('{run}', RUN).replaceAll('{scenario}', id)),
  }));
}

const CHROMIUM: CookiePolicy = { browser: 'chromium', thirdPartyCookies: 'blocked' };
const FIREFOX: CookiePolicy = { browser: 'firefox', cookieBehavior: 5 };

// what the last request of each lesson carried in Chromium 156 and Firefox ESR 153 (VERIFIED.md, "The jar's caps")
describe('the jar keeps what the browsers keep when a site sets 200 cookies', () => {
  it.each([
    ['cookie-cap-one-response', '31-199', '31-199'],
    ['cookie-cap-one-per-response', '31-199', '31-199'],
    ['cookie-cap-secure-first', '0-99, 131-199', '0-99, 131-199'],
    ['cookie-cap-secure-majority', '20-169, 181-199', '0-169, 190-199'],
    ['cookie-cap-secure-full', '30-179, 181-199', '0-179'],
    ['cookie-cap-priority', '0-99, 131-199', '31-199'],
  ])('%s: Chromium sends %s, Firefox %s', (id, chromium, firefox) => {
    for (const [policy, want] of [[CHROMIUM, chromium], [FIREFOX, firefox]] as const) {
      const rows = simulateCookies(lessonExchanges(id), policy);
      const sent = rows.at(-1)?.request.filter((r) => r.sent).map((r) => r.name) ?? [];
      expect(ranges(sent), policy.browser).toBe(want);
    }
  });

  it('Firefox refuses a non-secure cookie when all the site\'s cookies are Secure, silently', () => {
    const rows = simulateCookies(lessonExchanges('cookie-cap-secure-full'), FIREFOX);
    const refused = rows[0]?.response.filter((r) => !r.stored) ?? [];
    expect(ranges(refused.map((r) => r.name))).toBe('180-199');
    expect(refused.every((r) => r.firefoxReasons.length === 0 && r.notes.includes('SiteCookieLimit'))).toBe(true);
  });

  // the access-time rule (a minute's threshold) is from the browsers' sources, not verified in the lab
  it('replacing a cookie of a full site evicts nothing; a sent cookie is spared once it is a minute old', () => {
    const x = (at: number, lines: string[], header: string | null | undefined): CookieExchange => ({
      request: { url: 'http://localhost:8311/a', topLevelUrl: PAGE, crossSiteAncestor: false, includeCredentials: true, at }, setCookieLines: lines, cookieHeader: header,
    });
    const names = Array.from({ length: 180 }, (_, i) => `c${String(i).padStart(3, '0')}_r1`);
    for (const policy of [CHROMIUM, FIREFOX]) {
      // c000 is sent a minute after it was set: it is now among the most recently used (the
      // requests around it carried no Cookie header, as recorded; the last one is predicted)
      const rows = simulateCookies([
        x(0, names.map((n) => `${n}=1; Path=/`), null),
        x(60_000, [], 'c000_r1=1'),
        x(60_001, ['c001_r1=2; Path=/'], null),
        x(60_002, ['c180_r1=1; Path=/'], null),
        x(60_003, [], undefined),
      ], policy);
      expect(ranges(rows[4]?.request.filter((r) => r.sent).map((r) => r.name) ?? []), policy.browser).toBe('0-1, 33-180');
    }
  });
});
