/**
 * The cookie engine (src/shared/cookies) against the browsers, over the lab's cookie lessons.
 *
 * Chromium, in both third-party-cookie worlds (`profile.cookie_controls_mode` 1 and 0): every
 * `Set-Cookie` line's row must equal CDP's `responseReceivedExtraInfo.blockedCookies` (reason
 * names) and the jar after the step (`Network.getAllCookies`); every cookie CDP considered for a
 * request (`requestWillBeSentExtraInfo.associatedCookies`) must be a row with the same sent flag
 * and reasons, and no other row may exist. Firefox, with `network.cookie.cookieBehavior` 5 (Total
 * Cookie Protection, its default), 0 and 1: each line's console keys, its jar (with partition
 * keys) and the cookies each request carried on the wire.
 *
 * The engine sees what a recording holds, through one simulated jar per browser run: for
 * Chromium the Chrome-shaped HAR the CDP recorder builds (test/harness/cdp-har.ts: each entry's
 * URL and `Set-Cookie` lines, in order), for Firefox the lab's wire log. It predicts what was
 * sent without reading the recorded `Cookie` header; that header then serves to infer the
 * third-party-cookie setting, which must come out as the one the browser ran with. What no
 * recording holds comes from the lesson's step: the credentials mode and whether the request ran
 * in the cross-site frame. Only this run's cookies are compared (name or line carry the run id).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumCookieProbe, type CdpJarCookie, type ChromiumCookieStep, type CookieControlsMode } from '../../lab/probe-cookies-chromium.ts';
import { FirefoxCookieProbe, type FirefoxCookieBehavior, type FirefoxJarCookie } from '../../lab/probe-cookies-firefox.ts';
import { scenarios } from '../../lab/scenarios.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import type { Step } from '../../lab/types.ts';
import type { CookiePolicy, CookieRequestContext, PartitionKey } from '../../src/shared/cookies/context.ts';
import { CookieJarSimulation, type RequestCookieRow } from '../../src/shared/cookies/jar.ts';
import type { StoredCookie } from '../../src/shared/cookies/store.ts';
import { inferThirdPartyCookies } from '../../src/shared/cookies/world.ts';
import { CdpNetworkRecorder } from '../harness/cdp-har.ts';
import { namesLine, parseFirefoxCookieMessage } from '../harness/firefox-cookies.ts';
import { cookieExchangesOfHar } from '../harness/har-cookies.ts';

const LESSONS = scenarios.filter((s) => s.category === 'cookies');

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
});
afterAll(async () => {
  await lab.close();
});

/** fetch()'s includeCredentials: `include`, or `same-origin` (the default) to the page's own origin. */
function includeCredentials(step: Step): boolean {
  const mode = step.credentials ?? 'same-origin';
  return mode === 'include' || (mode === 'same-origin' && step.target === 'same-origin' && step.frame === undefined);
}

function context(lab: Lab, step: Step, url: string): CookieRequestContext {
  return { url, topLevelUrl: `${lab.pageOrigin}/`, crossSiteAncestor: step.frame === 'cross-site', includeCredentials: includeCredentials(step), at: Date.now() };
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const mineRow = (run: string) => (r: RequestCookieRow): boolean => r.name.includes(run) || (r.setBy?.line.includes(run) ?? false);
const mineStored = (run: string, at: number) => (c: StoredCookie): boolean =>
  (c.name.includes(run) || c.value.includes(run)) && (c.expiresAt === null || c.expiresAt > at);

function chromiumPartition(p: PartitionKey | null): string {
  return p ? `[${p.topLevelSite}${p.crossSiteAncestor ? ' x' : ''}]` : '';
}
const cdpJarKey = (c: CdpJarCookie): string =>
  `${c.name}|${c.domain}|${c.path}|${c.partitionKey ? `[${c.partitionKey.topLevelSite}${c.partitionKey.hasCrossSiteAncestor ? ' x' : ''}]` : ''}`;
const engineJarKey = (partition: (p: PartitionKey | null) => string) => (c: StoredCookie): string =>
  `${c.name}|${c.hostOnly ? '' : '.'}${c.domain}|${c.path}|${partition(c.partitionKey)}`;

describe.each([
  ['blocked', 1],
  ['allowed', 0],
] as const)('Chromium, third-party cookies %s', (world, mode: CookieControlsMode) => {
  it('every cookie row predicted from the Chrome-shaped HAR equals CDP and the jar', async () => {
    const policy: CookiePolicy = { browser: 'chromium', thirdPartyCookies: world };
    const probe = await ChromiumCookieProbe.launch(lab, mode);
    const recorder = await CdpNetworkRecorder.attach(probe.cdp);
    const runs: { id: string; run: string; steps: ChromiumCookieStep[] }[] = [];
    const { userAgent } = await probe.cdp.send('Browser.getVersion');
    try {
      for (const s of LESSONS) runs.push({ id: s.id, ...(await probe.run(s.id, s.steps.length)) });
      await recorder.waitSettled([]);
    } finally {
      await probe.close();
    }
    const har = recorder.har({ userAgent, pageUrl: `${lab.pageOrigin}/` });
    // what the HAR does not hold: the lesson step each entry belongs to (credentials mode, frame)
    const stepOf = (url: string): Step | undefined => {
      const m = /\/s\/([^/]+)\/(\d+)\//.exec(new URL(url).pathname);
      return m ? LESSONS.find((s) => s.id === m[1])?.steps[Number(m[2])] : undefined;
    };
    const exchanges = cookieExchangesOfHar(har, (entry) => {
      const step = stepOf(entry.request.url);
      return step ? { topLevelUrl: `${lab.pageOrigin}/`, crossSiteAncestor: step.frame === 'cross-site', includeCredentials: includeCredentials(step) } : null;
    });
    const byUrl = new Map(exchanges.map((x) => [x.entry.request.url, x.exchange]));
    const jar = new CookieJarSimulation(policy);
    const mismatches: string[] = [];
    let compared = 0;
    for (const { id, run, steps } of runs) {
      for (const st of steps) {
        const where = `${id}#${st.step}`;
        for (const x of st.exchanges) {
          const fromHar = byUrl.get(x.url);
          if (!fromHar) {
            mismatches.push(`${where}: no HAR entry for ${x.url}`);
            continue;
          }
          // predict what was sent: the recorded Cookie header is the answer, not an input
          const rows = jar.exchange({ request: fromHar.request, setCookieLines: fromHar.setCookieLines });
          rows.response.forEach((row, i) => {
            const line = fromHar.setCookieLines[i] ?? '';
            const cdp = x.blockedCookies.find((b) => b.cookieLine === line);
            compared++;
            if (JSON.stringify(sorted(row.blockedReasons)) !== JSON.stringify(sorted(cdp?.blockedReasons ?? []))) {
              mismatches.push(`${where} set ${line.slice(0, 60)}: engine ${row.blockedReasons.join('+') || 'none'}, CDP ${cdp?.blockedReasons.join('+') ?? 'none'}`);
            }
          });
          const engine = new Map(rows.request.filter(mineRow(run)).map((r) => [r.name, r]));
          for (const a of x.associatedCookies) {
            const row = engine.get(a.cookie.name);
            engine.delete(a.cookie.name);
            compared++;
            const want = `${a.blockedReasons.length === 0} ${sorted(a.blockedReasons).join('+')}`;
            const got = row ? `${row.sent} ${sorted(row.blockedReasons).join('+')}` : 'no row';
            if (want !== got) mismatches.push(`${where} request ${a.cookie.name}: engine ${got}, CDP ${want}`);
          }
          for (const extra of engine.keys()) mismatches.push(`${where} request ${extra}: engine has a row, CDP considered no such cookie`);
        }
        const at = Date.now();
        const engineJar = sorted(jar.all().filter(mineStored(run, at)).map(engineJarKey(chromiumPartition)));
        const cdpJar = sorted(st.jar.map(cdpJarKey));
        compared++;
        if (JSON.stringify(engineJar) !== JSON.stringify(cdpJar)) mismatches.push(`${where} jar: engine ${engineJar.join(', ')}; Chromium ${cdpJar.join(', ')}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(60);
    // the setting itself, inferred from the HAR's Cookie headers alone
    const inference = inferThirdPartyCookies(exchanges.map((x) => x.exchange));
    expect(inference.setting).toBe(world);
    expect(inference.evidence.length).toBeGreaterThan(0);
  });
});

/** Firefox's partition key string: `(http,localhost)`, `(http,localhost,f)` from a cross-site frame. */
function firefoxPartition(p: PartitionKey | null): string {
  if (!p) return '';
  const [scheme, host] = p.topLevelSite.split('://');
  return `(${scheme ?? ''},${host ?? ''}${p.crossSiteAncestor ? ',f' : ''})`;
}
const firefoxJarKey = (c: FirefoxJarCookie): string => `${c.name}|${c.host}|${c.path}|${c.partitionKey}`;

describe.each([5, 0, 1] as const)('Firefox, network.cookie.cookieBehavior %i', (behavior: FirefoxCookieBehavior & (0 | 1 | 5)) => {
  it('every line\'s console keys, the jar and the cookies on the wire equal the engine\'s', async () => {
    const policy: CookiePolicy = { browser: 'firefox', cookieBehavior: behavior };
    const probe = await FirefoxCookieProbe.launch(lab, behavior);
    const jar = new CookieJarSimulation(policy);
    const mismatches: string[] = [];
    let compared = 0;
    try {
      for (const s of LESSONS) {
        const obs = await probe.run(lab, s.id, s.steps.length);
        const run = obs.run;
        for (const st of obs.steps) {
          const step = s.steps[st.step];
          if (!step) throw new Error(`${s.id} has no step ${st.step}`);
          const where = `${s.id}#${st.step}`;
          const messages = st.messages.flatMap((m) => parseFirefoxCookieMessage(m.message) ?? []);
          for (const w of st.sent) {
            const rows = jar.exchange({ request: context(lab, step, w.url), setCookieLines: w.setCookie });
            rows.response.forEach((row, i) => {
              const line = w.setCookie[i] ?? '';
              const logged = messages.filter((m) => namesLine(m.subject, row.name, line)).map((m) => m.key);
              compared++;
              if (JSON.stringify(sorted(row.firefoxReasons)) !== JSON.stringify(sorted(logged))) {
                mismatches.push(`${where} set ${line.slice(0, 60)}: engine ${row.firefoxReasons.join('+') || 'none'}, console ${logged.join('+') || 'none'}`);
              }
            });
            const predicted = sorted(rows.request.filter(mineRow(run)).filter((r) => r.sent).map((r) => r.name));
            const wire = sorted((w.cookie ?? '').split(';').map((p) => p.trim()).filter((p) => p.includes(run)).map((p) => p.split('=')[0] ?? ''));
            compared++;
            if (JSON.stringify(predicted) !== JSON.stringify(wire)) mismatches.push(`${where} sent: engine ${predicted.join(', ')}; wire ${wire.join(', ')}`);
          }
          const at = Date.now();
          const engineJar = sorted(jar.all().filter(mineStored(run, at)).map(engineJarKey(firefoxPartition)));
          const ffJar = sorted(st.jar.map(firefoxJarKey));
          compared++;
          if (JSON.stringify(engineJar) !== JSON.stringify(ffJar)) mismatches.push(`${where} jar: engine ${engineJar.join(', ')}; Firefox ${ffJar.join(', ')}`);
        }
      }
    } finally {
      await probe.close();
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(60);
  });
});
