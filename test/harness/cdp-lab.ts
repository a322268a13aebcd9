/**
 * Runs the lab in Debian Chromium with a CDP recorder attached: one page, every scenario in turn.
 * Scenarios that need a browser setup (lab/browser-setup.ts: Local Network Access lessons need
 * the page server to count as a public website, which only a command-line switch can do) run in
 * one extra Chromium per setup; every other scenario shares the first browser.
 *
 * Returns one DevTools-shaped HAR (one page per browser session, as a log preserved across page
 * loads) and, separately, Chromium's own verdicts.
 */
import { chromiumArgsFor, pageUrlFor } from '../../lab/browser-setup.ts';
import type { Lab } from '../../lab/server.ts';
import type { BrowserSetup, Scenario } from '../../lab/types.ts';
import { launchChromium, type ChromiumSession } from './browsers.ts';
import { CdpNetworkRecorder } from './cdp-har.ts';
import { groupBySetup, mergeHars, plannedFetches, runScenarios, type Har, type LabStepRun, type Oracle, type OracleFetch } from './lab-runner.ts';

export interface ChromiumLabRecording {
  har: Har;
  oracle: Oracle;
  runs: LabStepRun[];
}

interface SessionRecording {
  har: Har;
  fetches: OracleFetch[];
  runs: LabStepRun[];
  product: string;
  userAgent: string;
}

async function recordSession(
  session: ChromiumSession,
  lab: Lab,
  setup: BrowserSetup | undefined,
  list: readonly Scenario[],
  run: string,
  pageId: string,
): Promise<SessionRecording> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  try {
    const recorder = await CdpNetworkRecorder.attach(cdp);
    const version = await cdp.send('Browser.getVersion');
    const pageUrl = pageUrlFor(setup, lab);
    await page.goto(pageUrl);
    await page.evaluate(() => window.labReady);
    const runs = await runScenarios(
      list,
      run,
      (id, r) => page.evaluate(([i, rr]) => window.labRun(i, rr), [id, r] as const),
      (done) => recorder.waitSettled(plannedFetches([done])),
    );
    const planned = plannedFetches(runs);
    await recorder.waitSettled(planned);
    return {
      har: recorder.har({ userAgent: version.userAgent, pageUrl, pageId }),
      fetches: recorder.oracle(planned, new URL(pageUrl).origin),
      runs,
      product: version.product,
      userAgent: version.userAgent,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
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
      recordings.push(await recordSession(session, opts.lab, group.setup, group.scenarios, opts.run, `page_${i + 1}`));
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
    oracle: {
      browser: 'chromium',
      browserVersion: main.product.replace(/^[^/]*\//, ''),
      userAgent: main.userAgent,
      run: opts.run,
      pageOrigin: opts.lab.pageOrigin,
      recordedAt: new Date().toISOString(),
      fetches,
    },
    runs: recordings.flatMap((r) => r.runs),
  };
}
