/**
 * Runs lab scenarios in real headless Chromium and records, per step, what the page saw and what
 * Chromium's network stack said over CDP (`Network.loadingFailed.corsErrorStatus`, preflights,
 * cookie blocking), plus how many OPTIONS reached the lab.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumArgsFor, pageUrlFor } from './browser-setup.ts';
import type { Lab } from './server.ts';
import type { BrowserSetup, StepResult } from './types.ts';
import { newRunId } from './urls.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];

export interface ChromiumStepObservation {
  step: number;
  result: StepResult;
  corsError: string | null;
  failedParameter: string | null;
  /** `Network.loadingFailed.errorText` of the main request, null when it did not fail. */
  errorText: string | null;
  /** CDP showed a preflight for this step (it may still have been blocked before the network). */
  cdpPreflight: boolean;
  /** OPTIONS requests that reached the lab during this step. */
  wireOptions: number;
  /** Set-Cookie lines Chromium refused on this step's responses, with CDP reasons. */
  setCookieBlocked: string[];
  /** Cookies Chromium held back from this step's requests, with CDP reasons. */
  cookieBlocked: string[];
}

export interface ChromiumScenarioObservation {
  id: string;
  run: string;
  steps: ChromiumStepObservation[];
  /** Console lines Chromium logged during the run (`type: text`). */
  console: string[];
}

interface CdpRequestWillBeSent {
  requestId: string;
  request: { url: string };
  initiator: { type: string; requestId?: string };
  redirectResponse?: unknown;
}
interface CdpLoadingFailed {
  requestId: string;
  errorText: string;
  corsErrorStatus?: { corsError: string; failedParameter: string };
}
interface CdpRequestExtraInfo {
  requestId: string;
  associatedCookies?: { blockedReasons: string[]; cookie: { name: string } }[];
}
interface CdpResponseExtraInfo {
  requestId: string;
  blockedCookies?: { blockedReasons: string[]; cookieLine: string }[];
}

export interface ChromiumProbeOptions {
  /**
   * true (default): a real on-disk profile, as the extension e2e tests use
   * (launchPersistentContext). false: Playwright's off-the-record context.
   */
  persistent?: boolean;
  /**
   * Seed the persistent profile to allow third-party cookies. This Chromium blocks them by
   * default (CDP SetCookieBlockedReason UserPreferences), in both kinds of context.
   */
  allowThirdPartyCookies?: boolean;
  setup?: BrowserSetup;
}

/** Everything CDP said during one step. */
class StepEvents {
  main: string | null = null;
  preflightFor = new Set<string>();
  failed = new Map<string, CdpLoadingFailed>();
  requestExtra: CdpRequestExtraInfo[] = [];
  responseExtra: CdpResponseExtraInfo[] = [];
}

export class ChromiumProbe {
  private current: { run: string; events: StepEvents } | null = null;
  private consoleLines: string[] = [];

  private constructor(
    private readonly context: BrowserContext,
    private readonly profileDir: string | null,
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async launch(lab: Lab, opts: ChromiumProbeOptions = {}): Promise<ChromiumProbe> {
    const launch = { executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...chromiumArgsFor(opts.setup, lab)] };
    let context: BrowserContext;
    let profileDir: string | null = null;
    if (opts.persistent ?? true) {
      profileDir = await mkdtemp(join(tmpdir(), 'lab-probe-'));
      if (opts.allowThirdPartyCookies) {
        // the pref behind chrome://settings/cookies: 0 = allow third-party cookies
        await mkdir(join(profileDir, 'Default'), { recursive: true });
        await writeFile(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
      }
      context = await chromium.launchPersistentContext(profileDir, launch);
    } else {
      context = await (await chromium.launch(launch)).newContext();
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const probe = new ChromiumProbe(context, profileDir, page, cdp);
    const ev = (): StepEvents | null => probe.current?.events ?? null;
    cdp.on('Network.requestWillBeSent', (e: CdpRequestWillBeSent) => {
      const cur = probe.current;
      if (!cur || !e.request.url.includes(encodeURIComponent(cur.run))) return;
      if (e.initiator.type === 'preflight') {
        if (e.initiator.requestId) cur.events.preflightFor.add(e.initiator.requestId);
      } else if (!e.redirectResponse && cur.events.main === null) {
        cur.events.main = e.requestId;
      }
    });
    cdp.on('Network.loadingFailed', (e: CdpLoadingFailed) => ev()?.failed.set(e.requestId, e));
    cdp.on('Network.requestWillBeSentExtraInfo', (e: CdpRequestExtraInfo) => ev()?.requestExtra.push(e));
    cdp.on('Network.responseReceivedExtraInfo', (e: CdpResponseExtraInfo) => ev()?.responseExtra.push(e));
    page.on('console', (m) => {
      if (probe.current) probe.consoleLines.push(`${m.type()}: ${m.text()}`);
    });
    await cdp.send('Network.enable');
    await page.goto(pageUrlFor(opts.setup, lab));
    await page.evaluate(() => window.labReady);
    return probe;
  }

  /** A CDP round trip: events emitted before it are delivered before it resolves. */
  private async flush(): Promise<void> {
    await this.cdp.send('Runtime.evaluate', { expression: '0' });
  }

  async run(lab: Lab, id: string, stepCount: number): Promise<ChromiumScenarioObservation> {
    const run = newRunId(id);
    this.consoleLines = [];
    const steps: ChromiumStepObservation[] = [];
    for (let index = 0; index < stepCount; index++) {
      const events = new StepEvents();
      this.current = { run, events };
      const before = lab.wire.at(-1)?.seq ?? 0;
      const result = await this.page.evaluate(([i, s, r]) => window.labRunStep(i, s, r), [id, index, run] as const);
      await this.flush();
      const rid = events.main;
      const failed = rid ? events.failed.get(rid) : undefined;
      steps.push({
        step: index,
        result,
        corsError: failed?.corsErrorStatus?.corsError ?? null,
        failedParameter: failed?.corsErrorStatus?.failedParameter ?? null,
        errorText: failed?.errorText ?? null,
        cdpPreflight: rid !== null && events.preflightFor.has(rid),
        wireOptions: lab.wire.filter((w) => w.seq > before && w.run === run && w.method === 'OPTIONS').length,
        setCookieBlocked: events.responseExtra.flatMap((x) => (x.blockedCookies ?? []).map((c) => `${c.cookieLine} → ${c.blockedReasons.join('+')}`)),
        cookieBlocked: events.requestExtra.flatMap((x) =>
          (x.associatedCookies ?? []).filter((c) => c.blockedReasons.length > 0 && c.cookie.name.includes(run)).map((c) => `${c.cookie.name} → ${c.blockedReasons.join('+')}`),
        ),
      });
    }
    this.current = null;
    return { id, run, steps, console: [...this.consoleLines] };
  }

  async close(): Promise<void> {
    const browser = this.context.browser();
    await this.context.close();
    if (browser) await browser.close();
    if (this.profileDir) await rm(this.profileDir, { recursive: true, force: true });
  }
}
