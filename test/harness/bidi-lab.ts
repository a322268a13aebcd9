/**
 * Runs the lab in Firefox ESR over WebDriver BiDi: one browser, one page, every scenario in turn.
 * Records the network exchange (BiDi `network.*` events, raw response lines from the lab's wire
 * log) into a Firefox-shaped HAR and, separately, Firefox's console reasons per fetch.
 */
import type { Lab } from '../../lab/server.ts';
import type { Scenario } from '../../lab/types.ts';
import { BidiNetworkRecorder } from './bidi-har.ts';
import { launchFirefox, type FirefoxSession } from './browsers.ts';
import { bidiConnection, FirefoxConsole } from './firefox-console.ts';
import type { Har } from './har.ts';
import { plannedFetches, runScenarios, type LabStepRun } from './lab-runner.ts';
import type { Oracle } from './oracle.ts';

export interface FirefoxLabRecording {
  har: Har;
  oracle: Oracle;
  runs: LabStepRun[];
}

export async function recordLabInFirefox(opts: {
  lab: Lab;
  scenarios: readonly Scenario[];
  run: string;
  /** Reuse a running browser; otherwise one is launched and closed. */
  session?: FirefoxSession;
}): Promise<FirefoxLabRecording> {
  const session = opts.session ?? (await launchFirefox());
  try {
    const { browser } = session;
    const console = await FirefoxConsole.open(browser);
    await console.collect(); // whatever was logged before the lab ran is not ours
    const recorder = new BidiNetworkRecorder(bidiConnection(browser));
    const page = await browser.newPage();
    const startedAt = Date.now();
    const pageUrl = `${opts.lab.pageOrigin}/`;
    await page.goto(pageUrl);
    await page.evaluate(() => window.labReady);
    const runs = await runScenarios(
      opts.scenarios,
      opts.run,
      (id, run) => page.evaluate((i, r) => window.labRun(i, r), id, run),
      async (done) => {
        await recorder.waitSettled(plannedFetches([done]));
        await console.collect();
      },
    );
    const planned = plannedFetches(runs);
    await recorder.waitSettled(planned);
    await console.collect();
    recorder.attachWire(opts.lab.wire, startedAt);
    recorder.detach();
    const userAgent = await browser.userAgent();
    const version = /Firefox\/([\d.]+)/.exec(userAgent)?.[1] ?? (await browser.version());
    const oracle: Oracle = {
      browser: 'firefox',
      browserVersion: (await browser.version()).replace(/^firefox\//i, '') || version,
      userAgent,
      run: opts.run,
      pageOrigin: opts.lab.pageOrigin,
      recordedAt: new Date().toISOString(),
      fetches: recorder.oracle(planned, console.all(), opts.lab.pageOrigin),
    };
    oracle.unattributedMessages = recorder.unattributed;
    const har = recorder.har({ version: oracle.browserVersion, pageUrl });
    await page.close();
    return { har, oracle, runs };
  } finally {
    if (!opts.session) await session.close();
  }
}
