/**
 * The jar's caps (src/shared/cookies/caps.ts) against the browsers, over the lab's cookie-cap
 * lessons (lab/scenarios-cookie-caps.ts: 200 cookies set on one site, in one response or one per
 * response, Secure or not, with `Priority`), each lesson in a fresh browser so no other cookie
 * shares the site. After every step the engine's jar must equal the browser's (Chromium:
 * `Network.getAllCookies`; Firefox: `Services.cookies`), every `Set-Cookie` line's row CDP's
 * `blockedCookies` / Firefox's console, and every request's rows the cookies CDP considered
 * (`associatedCookies`) / the `Cookie` header on the wire. The engine is fed what a recording
 * holds: each request's URL and the `Set-Cookie` lines of its response, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdpJarCookie } from '../../lab/probe-cookies-chromium.ts';
import { ChromiumCookieProbe } from '../../lab/probe-cookies-chromium.ts';
import { FirefoxCookieProbe, type FirefoxJarCookie } from '../../lab/probe-cookies-firefox.ts';
import { cookieCapScenarios } from '../../lab/scenarios-cookie-caps.ts';
import { labLessons } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import type { CookiePolicy, CookieRequestContext } from '../../src/shared/cookies/context.ts';
import { CookieJarSimulation } from '../../src/shared/cookies/jar.ts';
import type { StoredCookie } from '../../src/shared/cookies/store.ts';
import { parseFirefoxCookieMessage } from '../harness/firefox-cookies.ts';
import { compareWithCdp, compareWithFirefox, Differences, same, sorted } from '../harness/cookie-differences.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
});
afterAll(async () => {
  await lab.close();
});

/** Every step of a cap lesson is a credentialed fetch from the lab's page. */
const context = (url: string): CookieRequestContext => ({ url, topLevelUrl: `${lab.pageOrigin}/`, crossSiteAncestor: false, includeCredentials: true, at: Date.now() });
const engineJar = (jar: CookieJarSimulation, run: string): string[] =>
  sorted(jar.all().filter((c: StoredCookie) => c.name.includes(run)).map((c) => `${c.name}|${c.path}${c.secure ? ' S' : ''}`));
const LESSONS = cookieCapScenarios.map((s) => [s.id, s.steps.length] as const);

describe.each(LESSONS)('%s', (id, steps) => {
  it('Chromium: the engine\'s jar and rows equal CDP\'s after every step', async () => {
    const probe = await ChromiumCookieProbe.launch(lab, 1);
    const jar = new CookieJarSimulation({ browser: 'chromium', thirdPartyCookies: 'blocked' } satisfies CookiePolicy);
    const d = new Differences();
    try {
      const obs = await probe.run(id, steps);
      for (const st of obs.steps) {
        for (const x of st.exchanges) compareWithCdp(`${id}#${st.step}`, obs.run, x, jar.exchange({ request: context(x.url), setCookieLines: x.setCookieLines }), x.setCookieLines, d);
        const browser = sorted(st.jar.map((c: CdpJarCookie) => `${c.name}|${c.path}${c.secure ? ' S' : ''}`));
        d.check(same(engineJar(jar, obs.run), browser), () => `${id}#${st.step} jar: engine ${engineJar(jar, obs.run).length} cookies, Chromium ${browser.length}`);
      }
      // the lesson reached the cap: the last request considered fewer cookies than were set
      expect(obs.steps.at(-1)?.exchanges[0]?.associatedCookies.length).toBeLessThan(180);
    } finally {
      await probe.close();
    }
    expect(d.list).toEqual([]);
    expect(d.compared).toBeGreaterThan(steps);
  });

  it('Firefox: the engine\'s jar and rows equal the console, the wire and the jar after every step', async () => {
    const probe = await FirefoxCookieProbe.launch(lab, 5);
    const jar = new CookieJarSimulation({ browser: 'firefox', cookieBehavior: 5 } satisfies CookiePolicy);
    const d = new Differences();
    try {
      const obs = await probe.run(lab, id, steps);
      for (const st of obs.steps) {
        const messages = st.messages.flatMap((m) => parseFirefoxCookieMessage(m.message) ?? []);
        for (const w of st.sent) compareWithFirefox(`${id}#${st.step}`, obs.run, w, jar.exchange({ request: context(w.url), setCookieLines: w.setCookie }), messages, d);
        const browser = sorted(st.jar.map((c: FirefoxJarCookie) => `${c.name}|${c.path}${c.secure ? ' S' : ''}`));
        d.check(same(engineJar(jar, obs.run), browser), () => `${id}#${st.step} jar: engine ${engineJar(jar, obs.run).length} cookies, Firefox ${browser.length}`);
      }
      expect(obs.steps.at(-1)?.jar.length).toBeLessThanOrEqual(180);
    } finally {
      await probe.close();
    }
    expect(d.list).toEqual([]);
    expect(d.compared).toBeGreaterThan(steps);
  });
});
