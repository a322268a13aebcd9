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
import type Protocol from 'devtools-protocol';
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

/** CDP's own types (devtools-protocol, the version the tests pin). */
export type CdpJarCookie = Protocol.Network.Cookie;
export type CdpBlockedSetCookie = Protocol.Network.BlockedSetCookieWithReason;
export type CdpExemptedSetCookie = Protocol.Network.ExemptedSetCookieWithReason;
export type CdpAssociatedCookie = Protocol.Network.AssociatedCookie;

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

type RequestSent = Protocol.Network.RequestWillBeSentEvent;
type RequestExtra = Protocol.Network.RequestWillBeSentExtraInfoEvent;
type ResponseExtra = Protocol.Network.ResponseReceivedExtraInfoEvent;

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
    private readonly profileDir: string | null,
    private readonly page: Page,
    /** The page's CDP session (a recorder may attach to it too). */
    readonly cdp: CDPSession,
  ) {}

  /**
   * `opts.pageUrl` opens another page than the lab's (with `opts.args`, e.g. a
   * `--host-resolver-rules` name for a non-loopback, non-secure page).
   */
  static async launch(lab: Lab, mode: CookieControlsMode | 'off-the-record', opts: { args?: readonly string[]; pageUrl?: string } = {}): Promise<ChromiumCookieProbe> {
    const launch = { executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...chromiumArgsFor(undefined, lab), ...(opts.args ?? [])] };
    let profileDir: string | null = null;
    let context: BrowserContext;
    if (mode === 'off-the-record') {
      // Playwright's browser.newContext() is an off-the-record (incognito) profile, with its defaults
      context = await (await chromium.launch(launch)).newContext();
    } else {
      profileDir = await mkdtemp(join(tmpdir(), 'lab-cookie-probe-'));
      await mkdir(join(profileDir, 'Default'), { recursive: true });
      await writeFile(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: mode } }));
      context = await chromium.launchPersistentContext(profileDir, launch);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const probe = await ChromiumCookieProbe.attach(context, page, profileDir);
    await page.goto(opts.pageUrl ?? `${lab.pageOrigin}/`);
    await page.evaluate(() => window.labReady);
    return probe;
  }

  /**
   * A probe on a page of a browser someone else launched (the page then opens the lab itself);
   * that browser is the caller's to close. `profileDir`: the probe's own profile, which `close()` removes.
   */
  static async attach(context: BrowserContext, page: Page, profileDir: string | null = null): Promise<ChromiumCookieProbe> {
    const cdp = await context.newCDPSession(page);
    const probe = new ChromiumCookieProbe(context, profileDir, page, cdp);
    cdp.on('Network.requestWillBeSent', (e: RequestSent) => probe.requests.set(e.requestId, e.request.url));
    cdp.on('Network.requestWillBeSentExtraInfo', (e: RequestExtra) => probe.requestExtra.push(e));
    cdp.on('Network.responseReceivedExtraInfo', (e: ResponseExtra) => probe.responseExtra.push(e));
    await cdp.send('Network.enable');
    return probe;
  }

  async run(id: string, stepCount: number): Promise<{ run: string; steps: ChromiumCookieStep[] }> {
    const run = newRunId(id);
    const steps = await this.record(run, stepCount, (index) => this.page.evaluate(([i, s, r]) => window.labRunStep(i, s, r), [id, index, run] as const));
    return { run, steps };
  }

  /** Credentialed fetches of `urls` from the page, one step each, for run `run` (the URLs must carry it). */
  async runFetches(run: string, urls: readonly string[]): Promise<ChromiumCookieStep[]> {
    return this.record(run, urls.length, (index) =>
      this.page.evaluate(async ([u, i]) => {
        const r = await fetch(u, { credentials: 'include' });
        return { step: i, url: u, ok: true, status: r.status };
      }, [urls[index] ?? '', index] as const),
    );
  }

  /** Plants a cookie through CDP (`Network.setCookie`), as one the recording does not show being set. */
  async plantCookie(cookie: { name: string; value: string; url: string; path: string; secure: boolean }): Promise<void> {
    await this.cdp.send('Network.setCookie', cookie);
  }

  private async record(run: string, stepCount: number, perform: (index: number) => Promise<StepResult>): Promise<ChromiumCookieStep[]> {
    const mine = (c: CdpJarCookie): boolean => c.name.includes(run) || c.value.includes(run);
    const steps: ChromiumCookieStep[] = [];
    for (let index = 0; index < stepCount; index++) {
      this.requestExtra = [];
      this.responseExtra = [];
      const result = await perform(index);
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
    return steps;
  }

  async close(): Promise<void> {
    const browser = this.context.browser();
    await this.context.close();
    if (browser) await browser.close();
    if (this.profileDir) await rm(this.profileDir, { recursive: true, force: true });
  }
}
