/**
 * Runs the lab in Debian Chromium with a CDP recorder attached: one page, every scenario in turn.
 * Scenarios that need a browser setup (lab/browser-setup.ts: Local Network Access lessons need
 * the page server to count as a public website, which only a command-line switch can do) run in
 * one extra Chromium per setup; every other scenario shares the first browser.
 *
 * Returns one DevTools-shaped HAR (one page per browser session, as a log preserved across page
 * loads) and, separately, Chromium's own verdicts.
 */
import type { CDPSession } from 'playwright-core';
import { chromiumArgsFor, pageUrlFor } from '../../lab/browser-setup.ts';
import type { Lab } from '../../lab/server.ts';
import type { BrowserSetup, Scenario, StepResult } from '../../lab/types.ts';
import { launchChromium, type ChromiumSession } from './browsers.ts';
import { CdpNetworkRecorder } from './cdp-har.ts';
import { mergeHars, type Har } from './har.ts';
import { groupBySetup, plannedFetches, runScenarios, type LabStepRun } from './lab-runner.ts';
import type { Oracle, OracleFetch } from './oracle.ts';

export interface ChromiumLabRecording {
  har: Har;
  oracle: Oracle;
  runs: LabStepRun[];
}

/**
 * One lab page as the recorder drives it, whichever library launched the browser (Playwright
 * here; puppeteer-core for the page DevTools inspects, scripts/record-devtools-har.ts).
 */
export interface LabPage {
  /** A CDP session attached to the page. */
  cdp: CDPSession;
  /** Navigates the page and resolves once it loaded. */
  goto(url: string): Promise<void>;
  /** `window.labReady`. */
  labReady(): Promise<void>;
  /** `window.labRun(id, run)`. */
  labRun(id: string, run: string): Promise<StepResult[]>;
}

export interface SessionRecording {
  har: Har;
  fetches: OracleFetch[];
  runs: LabStepRun[];
  product: string;
  userAgent: string;
  /** The recorder, still attached (for another view of the same events). */
  recorder: CdpNetworkRecorder;
  pageUrl: string;
}

/**
 * Records the lab page: attaches a CDP recorder, opens the lab page for `setup`, runs `list`
 * scenario by scenario (waiting after each until CDP told everything about it), and returns the
 * DevTools-shaped HAR and Chromium's verdicts.
 */
/** What one page records: the lab, the browser setup it was launched with, and which scenarios. */
export interface PageRun {
  readonly lab: Lab;
  readonly setup: BrowserSetup | undefined;
  readonly list: readonly Scenario[];
  readonly run: string;
  /** `pages[].id` of the HAR (`page_1`, …). */
  readonly pageId: string;
}

export async function recordLabPage(page: LabPage, { lab, setup, list, run, pageId }: PageRun): Promise<SessionRecording> {
  const recorder = await CdpNetworkRecorder.attach(page.cdp);
  const version = await page.cdp.send('Browser.getVersion');
  const pageUrl = pageUrlFor(setup, lab);
  await page.goto(pageUrl);
  await page.labReady();
  const runs = await runScenarios(list, run, (id, r) => page.labRun(id, r), (done) => recorder.waitSettled(plannedFetches([done])));
  const planned = plannedFetches(runs);
  await recorder.waitSettled(planned);
  return {
    har: recorder.har({ userAgent: version.userAgent, pageUrl, pageId }),
    fetches: recorder.oracle(planned, new URL(pageUrl).origin),
    runs,
    product: version.product,
    userAgent: version.userAgent,
    recorder,
    pageUrl,
  };
}

async function recordSession(session: ChromiumSession, pageRun: PageRun): Promise<SessionRecording> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  try {
    return await recordLabPage(
      {
        cdp,
        goto: async (url) => void (await page.goto(url)),
        labReady: () => page.evaluate(() => window.labReady),
        labRun: (id, r) => page.evaluate(([i, rr]) => window.labRun(i, rr), [id, r] as const),
      },
      pageRun,
    );
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
}

/** The oracle file for Chromium's verdicts: `fetches` (in table order) plus the browser that decided them. */
export function chromiumOracle(
  main: Pick<SessionRecording, 'product' | 'userAgent'>,
  opts: { lab: Lab; run: string },
  fetches: OracleFetch[],
): Oracle {
  return {
    browser: 'chromium',
    browserVersion: main.product.replace(/^[^/]*\//, ''),
    userAgent: main.userAgent,
    run: opts.run,
    pageOrigin: opts.lab.pageOrigin,
    recordedAt: new Date().toISOString(),
    fetches,
  };
}

export async function recordLabInChromium(opts: {
  lab: Lab;
  scenarios: readonly Scenario[];
  run: string;
  /** Reuse a running browser for the scenarios without a setup; otherwise one is launched and closed. */
  session?: ChromiumSession;
}): Promise<ChromiumLabRecording> {
  const recordings: SessionRecording[] = [];
  for (const [i, group] of groupBySetup(opts.scenarios).entries()) {
    const shared = group.setup === undefined ? opts.session : undefined;
    const session = shared ?? (await launchChromium({ args: chromiumArgsFor(group.setup, opts.lab) }));
    try {
      recordings.push(await recordSession(session, { lab: opts.lab, setup: group.setup, list: group.scenarios, run: opts.run, pageId: `page_${i + 1}` }));
    } finally {
      if (!shared) await session.close();
    }
  }
  const main = recordings[0];
  if (!main) throw new Error('no scenarios to record');
  // Oracle rows in scenario-table order, whichever session ran them.
  const byScenario = new Map(recordings.flatMap((r) => r.fetches).map((f) => [`${f.scenario}#${f.step}`, f]));
  const fetches = opts.scenarios.flatMap((s) => s.steps.flatMap((_, step) => byScenario.get(`${s.id}#${step}`) ?? []));
  return {
    har: mergeHars(recordings.map((r) => r.har)),
    oracle: chromiumOracle(main, opts, fetches),
    runs: recordings.flatMap((r) => r.runs),
  };
}
