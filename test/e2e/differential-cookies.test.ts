/**
 * The cookie engine (src/shared/cookies) against the browsers, over the lab's cookie lessons.
 *
 * Chromium, in both third-party-cookie worlds (`profile.cookie_controls_mode` 1 and 0, and an
 * off-the-record profile with its defaults): every
 * `Set-Cookie` line's row must equal CDP's `responseReceivedExtraInfo.blockedCookies` (reason
 * names) and the jar after the step (`Network.getAllCookies`); every cookie CDP considered for a
 * request (`requestWillBeSentExtraInfo.associatedCookies`) must be a row with the same sent flag
 * and reasons, and no other row may exist. Firefox, with `network.cookie.cookieBehavior` 5 (Total
 * Cookie Protection, its default), 0 and 1: each line's console keys, its jar (with partition
 * keys) and the cookies each request carried on the wire. Then both again on a page that is not
 * a secure context (`http://lab.test`, a non-loopback name), where `Secure` cannot be set.
 *
 * The engine sees what a recording holds, through one simulated jar per browser run: for
 * Chromium the Chrome-shaped HAR the CDP recorder builds (test/harness/cdp-har.ts: each entry's
 * URL and `Set-Cookie` lines, in order), for Firefox the lab's wire log. It predicts what was
 * sent without reading the recorded `Cookie` header; that header then serves to infer the
 * third-party-cookie setting, which must come out as the one the browser ran with. From the
 * HAR, whether a request ran in the cross-site frame is inferred (`Sec-Fetch-Site`); the
 * credentials mode, which no recording holds, comes from the lesson's step (as it does, with the
 * frame, for the Firefox runs). Only this run's cookies are compared (name or line carry the run id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSECURE_PAGE_HOST } from '../../lab/browser-setup.ts';
import { ChromiumCookieProbe, type CdpJarCookie, type ChromiumCookieStep, type CookieControlsMode } from '../../lab/probe-cookies-chromium.ts';
import { FirefoxCookieProbe, type FirefoxCookieStep, type FirefoxJarCookie } from '../../lab/probe-cookies-firefox.ts';
import { cookieScenarios as LESSONS } from '../../lab/scenarios-cookies.ts';
import { labLessons } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import type { Step } from '../../lab/types.ts';
import { newRunId } from '../../lab/urls.ts';
import type { CookiePolicy, CookieRequestContext, PartitionKey } from '../../src/shared/cookies/context.ts';
import { CookieJarSimulation, type CookieExchange } from '../../src/shared/cookies/jar.ts';
import type { StoredCookie } from '../../src/shared/cookies/store.ts';
import { inferThirdPartyCookies } from '../../src/shared/cookies/world.ts';
import { CdpNetworkRecorder } from '../harness/cdp-har.ts';
import { parseFirefoxCookieMessage } from '../harness/firefox-cookies.ts';
import { compareWithCdp, compareWithFirefox, Differences, same, sorted } from '../harness/cookie-differences.ts';
import { cookieExchangesOfHar } from '../harness/har-cookies.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: labLessons });
});
afterAll(async () => {
  await lab.close();
});

/** fetch()'s includeCredentials: `include`, or `same-origin` (the default) to the page's own origin. */
function includeCredentials(step: Step): boolean {
  const mode = step.credentials ?? 'same-origin';
  return mode === 'include' || (mode === 'same-origin' && step.target === 'same-origin' && step.frame === undefined);
}

/** The lesson step a lab URL belongs to (`/s/<id>/<step>/…`). */
function stepOf(url: string): Step | undefined {
  const m = /\/s\/([^/]+)\/(\d+)\//.exec(new URL(url).pathname);
  return m ? LESSONS.find((s) => s.id === m[1])?.steps[Number(m[2])] : undefined;
}

/** What no recording holds, from the lesson: the page, the frame, the credentials mode. */
function lessonContext(url: string, at: number, topLevelUrl = `${lab.pageOrigin}/`): CookieRequestContext | null {
  const step = stepOf(url);
  return step ? { url, topLevelUrl, crossSiteAncestor: step.frame === 'cross-site', includeCredentials: includeCredentials(step), at } : null;
}

const mineStored = (run: string, at: number) => (c: StoredCookie): boolean =>
  (c.name.includes(run) || c.value.includes(run)) && (c.expiresAt === null || c.expiresAt > at);
const engineJarKey = (partition: (p: PartitionKey | null) => string) => (c: StoredCookie): string =>
  `${c.name}|${c.hostOnly ? '' : '.'}${c.domain}|${c.path}|${partition(c.partitionKey)}`;

// ─────────────────────────────── Chromium ───────────────────────────────

const chromiumPartition = (p: PartitionKey | null): string => (p ? `[${p.topLevelSite}${p.crossSiteAncestor ? ' x' : ''}]` : '');
const cdpJarKey = (c: CdpJarCookie): string =>
  `${c.name}|${c.domain}|${c.path}|${chromiumPartition(c.partitionKey ? { topLevelSite: c.partitionKey.topLevelSite, crossSiteAncestor: c.partitionKey.hasCrossSiteAncestor } : null)}`;

/** One step: the engine's rows for each of its requests (from `exchangeOf`) against CDP, then the jar. */
function compareChromiumStep(jar: CookieJarSimulation, where: string, run: string, st: ChromiumCookieStep, exchangeOf: (url: string) => CookieExchange | undefined, d: Differences): void {
  for (const x of st.exchanges) {
    const recorded = exchangeOf(x.url);
    if (!recorded) {
      d.check(false, () => `${where}: the recording has no exchange for ${x.url}`);
      continue;
    }
    // predict what was sent: the recorded Cookie header is the answer, not an input
    const rows = jar.exchange({ request: recorded.request, setCookieLines: recorded.setCookieLines });
    compareWithCdp(where, run, x, rows, recorded.setCookieLines, d);
  }
  const engineJar = sorted(jar.all().filter(mineStored(run, Date.now())).map(engineJarKey(chromiumPartition)));
  const cdpJar = sorted(st.jar.map(cdpJarKey));
  d.check(same(engineJar, cdpJar), () => `${where} jar: engine ${engineJar.join(', ')}; Chromium ${cdpJar.join(', ')}`);
}

describe.each([
  ['blocked', 1],
  ['allowed', 0],
  // incognito (an off-the-record profile, its defaults untouched) blocks them too
  ['blocked', 'off-the-record'],
] as const)('Chromium, third-party cookies %s (%s)', (world, mode: CookieControlsMode | 'off-the-record') => {
  it('every cookie row predicted from the Chrome-shaped HAR equals CDP and the jar', async () => {
    const probe = await ChromiumCookieProbe.launch(lab, mode);
    const recorder = await CdpNetworkRecorder.attach(probe.cdp);
    const { userAgent } = await probe.cdp.send('Browser.getVersion');
    const runs: { id: string; run: string; steps: ChromiumCookieStep[] }[] = [];
    try {
      for (const s of LESSONS) runs.push({ id: s.id, ...(await probe.run(s.id, s.steps.length)) });
      await recorder.waitSettled([]);
    } finally {
      await probe.close();
    }
    const har = recorder.har({ userAgent, pageUrl: `${lab.pageOrigin}/` });
    // from the HAR: URLs, Set-Cookie lines, the page, the frame (Sec-Fetch-Site); from the lesson: the credentials mode
    const exchanges = cookieExchangesOfHar(har, (entry) => {
      const step = stepOf(entry.request.url);
      return step ? { includeCredentials: includeCredentials(step) } : null;
    });
    const byUrl = new Map(exchanges.map((x) => [x.entry.request.url, x.exchange]));
    const jar = new CookieJarSimulation({ browser: 'chromium', thirdPartyCookies: world });
    const d = new Differences();
    for (const { id, run, steps } of runs) {
      for (const st of steps) compareChromiumStep(jar, `${id}#${st.step}`, run, st, (url) => byUrl.get(url), d);
    }
    expect(d.list).toEqual([]);
    expect(d.compared).toBeGreaterThan(60);
    // the setting itself, inferred from the HAR's Cookie headers alone
    const inference = inferThirdPartyCookies(exchanges.map((x) => x.exchange));
    expect(inference.setting).toBe(world);
    expect(inference.evidence.length).toBeGreaterThan(0);
  });
});

/** Lessons whose first step sets Secure or prefixed cookies, fetched by a page on `origin`. */
const SECURE_LESSONS = ['cookie-secure-loopback', 'cookie-prefix-secure', 'cookie-prefix-host'];
const insecureUrls = (origin: string, run: string): string[] => SECURE_LESSONS.map((id) => `${origin}/s/${id}/0/0?run=${encodeURIComponent(run)}`);

describe('Chromium, a page that is not a secure context (http://lab.test)', () => {
  it('Secure and prefixed cookies are refused, a Secure cookie is withheld, as the engine says', async () => {
    const origin = `http://${INSECURE_PAGE_HOST}:${lab.ports.page}`;
    const probe = await ChromiumCookieProbe.launch(lab, 0, { args: [`--host-resolver-rules=MAP ${INSECURE_PAGE_HOST} 127.0.0.1`], pageUrl: `${origin}/` });
    const run = newRunId('insecure');
    const jar = new CookieJarSimulation({ browser: 'chromium', thirdPartyCookies: 'allowed' });
    const d = new Differences();
    try {
      // a Secure cookie the page's origin could only have got over https (planted through CDP)
      const planted = `planted_${run}`;
      await probe.plantCookie({ name: planted, value: '1', url: `https://${INSECURE_PAGE_HOST}/`, path: '/', secure: true });
      const https = `https://${INSECURE_PAGE_HOST}/`;
      jar.exchange({ request: { url: https, topLevelUrl: https, crossSiteAncestor: false, includeCredentials: true, at: Date.now() }, setCookieLines: [`${planted}=1; Path=/; Secure`] });
      const steps = await probe.runFetches(run, insecureUrls(origin, run));
      for (const st of steps) {
        compareChromiumStep(jar, `lab.test#${st.step}`, run, st, (url) => {
          const request = lessonContext(url, Date.now(), `${origin}/`);
          const x = st.exchanges.find((e) => e.url === url);
          return request && x ? { request, setCookieLines: x.setCookieLines } : undefined;
        }, d);
      }
    } finally {
      await probe.close();
    }
    expect(d.list).toEqual([]);
    expect(d.compared).toBeGreaterThan(10);
  });
});

// ─────────────────────────────── Firefox ───────────────────────────────

/** Firefox's partition key string: `(http,localhost)`, `(http,localhost,f)` from a cross-site frame. */
function firefoxPartition(p: PartitionKey | null): string {
  if (!p) return '';
  const [scheme, host] = p.topLevelSite.split('://');
  return `(${scheme ?? ''},${host ?? ''}${p.crossSiteAncestor ? ',f' : ''})`;
}
const firefoxJarKey = (c: FirefoxJarCookie): string => `${c.name}|${c.host}|${c.path}|${c.partitionKey}`;

/** One step: each request's lines against the console keys and its predicted cookies against the wire, then the jar. */
function compareFirefoxStep(jar: CookieJarSimulation, where: string, run: string, st: FirefoxCookieStep, topLevelUrl: string, d: Differences): void {
  const messages = st.messages.flatMap((m) => parseFirefoxCookieMessage(m.message) ?? []);
  for (const w of st.sent) {
    const request = lessonContext(w.url, Date.now(), topLevelUrl);
    if (!request) {
      d.check(false, () => `${where}: ${w.url} is no lesson step`);
      continue;
    }
    compareWithFirefox(where, run, w, jar.exchange({ request, setCookieLines: w.setCookie }), messages, d);
  }
  const engineJar = sorted(jar.all().filter(mineStored(run, Date.now())).map(engineJarKey(firefoxPartition)));
  const ffJar = sorted(st.jar.map(firefoxJarKey));
  d.check(same(engineJar, ffJar), () => `${where} jar: engine ${engineJar.join(', ')}; Firefox ${ffJar.join(', ')}`);
}

describe.each([5, 0, 1] as const)('Firefox, network.cookie.cookieBehavior %i', (behavior) => {
  it('every line\'s console keys, the jar and the cookies on the wire equal the engine\'s', async () => {
    const probe = await FirefoxCookieProbe.launch(lab, behavior);
    const jar = new CookieJarSimulation({ browser: 'firefox', cookieBehavior: behavior });
    const d = new Differences();
    try {
      for (const s of LESSONS) {
        const { run, steps } = await probe.run(lab, s.id, s.steps.length);
        for (const st of steps) compareFirefoxStep(jar, `${s.id}#${st.step}`, run, st, `${lab.pageOrigin}/`, d);
      }
    } finally {
      await probe.close();
    }
    expect(d.list).toEqual([]);
    expect(d.compared).toBeGreaterThan(60);
  });
});

describe('Firefox, a page that is not a secure context (http://lab.test)', () => {
  it('Secure and prefixed cookies are refused with the console keys the engine gives', async () => {
    const origin = `http://${INSECURE_PAGE_HOST}:${lab.ports.page}`;
    const probe = await FirefoxCookieProbe.launch(lab, 5, { prefs: { 'network.dns.localDomains': INSECURE_PAGE_HOST }, pageUrl: `${origin}/` });
    const run = newRunId('insecure');
    const jar = new CookieJarSimulation({ browser: 'firefox', cookieBehavior: 5 } satisfies CookiePolicy);
    const d = new Differences();
    try {
      for (const st of await probe.runFetches(lab, run, insecureUrls(origin, run))) compareFirefoxStep(jar, `lab.test#${st.step}`, run, st, `${origin}/`, d);
    } finally {
      await probe.close();
    }
    expect(d.list).toEqual([]);
    expect(d.compared).toBeGreaterThan(10);
  });
});
