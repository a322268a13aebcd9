/**
 * Runs cookie scenarios in real headless Chromium, in one third-party-cookie world, and records per
 * step what Chromium decided over CDP: each Set-Cookie line it refused
 * (`Network.responseReceivedExtraInfo.blockedCookies`, with `exemptedCookies` and
 * `cookiePartitionKey`), each cookie it considered for a request
 * (`Network.requestWillBeSentExtraInfo.associatedCookies`: sent when `blockedReasons` is empty),
 * and the cookie jar after the step (`Network.getAllCookies`). Only this run's cookies (their
 * name or value carries the run id) are kept.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgsFor } from './browser-setup.ts';
import { CHROMIUM_ARGS } from './probe-chromium.ts';
import type { Lab } from './server.ts';
import type { StepResult } from './types.ts';
import { newRunId } from './urls.ts';

/**
 * The profile preference behind chrome://settings/cookies (`CookieControlsMode`): 0 allows
 * third-party cookies, 1 blocks them, 2 blocks them in incognito only.
 */
export type CookieControlsMode = 0 | 1 | 2;

/** The subset of CDP `Network.Cookie` we keep. */
export interface CdpJarCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  session: boolean;
  sameSite?: string;
  partitionKey?: { topLevelSite: string; hasCrossSiteAncestor: boolean };
  sourceScheme?: string;
  sourcePort?: number;
}

export interface CdpBlockedSetCookie {
  blockedReasons: string[];
  cookieLine: string;
  cookie?: CdpJarCookie;
}

export interface CdpExemptedSetCookie {
  exemptionReason: string;
  cookieLine: string;
  cookie: CdpJarCookie;
}

export interface CdpAssociatedCookie {
  blockedReasons: string[];
  exemptionReason?: string;
  cookie: CdpJarCookie;
}

/** What Chromium said about one request (one hop) of a step. */
export interface ChromiumCookieExchange {
  requestId: string;
  url: string;
  associatedCookies: CdpAssociatedCookie[];
  blockedCookies: CdpBlockedSetCookie[];
  exemptedCookies: CdpExemptedSetCookie[];
  cookiePartitionKey?: unknown;
  setCookieLines: string[];
}

export interface ChromiumCookieStep {
  step: number;
  result: StepResult;
  exchanges: ChromiumCookieExchange[];
  /** This run's cookies in the jar after the step. */
  jar: CdpJarCookie[];
}

interface RequestSent {
  requestId: string;
  request: { url: string };
}
interface RequestExtra {
  requestId: string;
  associatedCookies?: CdpAssociatedCookie[];
}
interface ResponseExtra {
  requestId: string;
  headers: Record<string, string>;
  blockedCookies?: CdpBlockedSetCookie[];
  exemptedCookies?: CdpExemptedSetCookie[];
  cookiePartitionKey?: unknown;
}

function setCookieLines(headers: Record<string, string>): string[] {
  const entry = Object.entries(headers).find(([n]) => n.toLowerCase() === 'set-cookie');
  return entry ? entry[1].split('\n') : [];
}

export class ChromiumCookieProbe {
  private requests = new Map<string, string>();
  private requestExtra: RequestExtra[] = [];
  private responseExtra: ResponseExtra[] = [];

  private constructor(
    private readonly context: BrowserContext,
    private readonly profileDir: string,
    private readonly page: Page,
    /** The page's CDP session (a recorder may attach to it too). */
    readonly cdp: CDPSession,
  ) {}

  static async launch(lab: Lab, mode: CookieControlsMode): Promise<ChromiumCookieProbe> {
    const profileDir = await mkdtemp(join(tmpdir(), 'lab-cookie-probe-'));
    await mkdir(join(profileDir, 'Default'), { recursive: true });
    await writeFile(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: mode } }));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_ARGS, ...chromiumArgsFor(undefined, lab)],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const probe = new ChromiumCookieProbe(context, profileDir, page, cdp);
    cdp.on('Network.requestWillBeSent', (e: RequestSent) => probe.requests.set(e.requestId, e.request.url));
    cdp.on('Network.requestWillBeSentExtraInfo', (e: RequestExtra) => probe.requestExtra.push(e));
    cdp.on('Network.responseReceivedExtraInfo', (e: ResponseExtra) => probe.responseExtra.push(e));
    await cdp.send('Network.enable');
    await page.goto(`${lab.pageOrigin}/`);
    await page.evaluate(() => window.labReady);
    return probe;
  }

  async run(id: string, stepCount: number): Promise<{ run: string; steps: ChromiumCookieStep[] }> {
    const run = newRunId(id);
    const mine = (c: CdpJarCookie): boolean => c.name.includes(run) || c.value.includes(run);
    const steps: ChromiumCookieStep[] = [];
    for (let index = 0; index < stepCount; index++) {
      this.requestExtra = [];
      this.responseExtra = [];
      const result = await this.page.evaluate(([i, s, r]) => window.labRunStep(i, s, r), [id, index, run] as const);
      await this.cdp.send('Runtime.evaluate', { expression: '0' });
      const ids = [...this.requests].filter(([, url]) => url.includes(encodeURIComponent(run))).map(([rid]) => rid);
      const exchanges = ids.flatMap((rid): ChromiumCookieExchange[] => {
        const reqs = this.requestExtra.filter((e) => e.requestId === rid);
        const ress = this.responseExtra.filter((e) => e.requestId === rid);
        if (reqs.length === 0 && ress.length === 0) return [];
        const res = ress[0];
        return [{
          requestId: rid,
          url: this.requests.get(rid) ?? '',
          associatedCookies: reqs.flatMap((e) => e.associatedCookies ?? []).filter((c) => mine(c.cookie)),
          blockedCookies: res?.blockedCookies ?? [],
          exemptedCookies: res?.exemptedCookies ?? [],
          cookiePartitionKey: res?.cookiePartitionKey,
          setCookieLines: res ? setCookieLines(res.headers) : [],
        }];
      });
      for (const rid of ids) this.requests.delete(rid);
      const { cookies } = (await this.cdp.send('Network.getAllCookies')) as { cookies: CdpJarCookie[] };
      steps.push({ step: index, result, exchanges, jar: cookies.filter(mine) });
    }
    return { run, steps };
  }

  async close(): Promise<void> {
    await this.context.close();
    await rm(this.profileDir, { recursive: true, force: true });
  }
}
