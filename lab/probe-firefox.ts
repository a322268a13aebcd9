/**
 * Runs lab scenarios in headless Firefox ESR over WebDriver BiDi (puppeteer-core 24) and records,
 * per step, what the page saw and the CORS reasons Firefox logged (reported as page errors).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { parseFirefoxCorsMessage, type FirefoxReason } from './firefox-reasons.ts';
import type { Lab } from './server.ts';
import type { StepResult } from './types.ts';
import { newRunId } from './urls.ts';

export interface FirefoxStepObservation {
  step: number;
  result: StepResult;
  /** Reason keys Firefox logged for this step's URL, in order (e.g. a preflight failure logs two). */
  reasons: string[];
  details: FirefoxReason[];
  /** OPTIONS requests that reached the lab during this step. */
  wireOptions: number;
}

export interface FirefoxScenarioObservation {
  id: string;
  run: string;
  steps: FirefoxStepObservation[];
  /** Every console/page-error line seen during the run. */
  console: string[];
}

const QUIET_MS = 300;

export class FirefoxProbe {
  private lines: { text: string; at: number }[] = [];
  private waiters = new Set<() => void>();

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async launch(lab: Lab): Promise<FirefoxProbe> {
    const browser = await puppeteer.launch({
      browser: 'firefox', protocol: 'webDriverBiDi', executablePath: '/usr/bin/firefox-esr', headless: true,
    });
    const page = await browser.newPage();
    const probe = new FirefoxProbe(browser, page);
    const push = (text: string): void => {
      probe.lines.push({ text, at: Date.now() });
      for (const w of [...probe.waiters]) w();
    };
    page.on('console', (m) => push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
    await page.goto(`${lab.pageOrigin}/`);
    await page.evaluate(() => window.labReady);
    return probe;
  }

  /** Resolves once no console line arrived for `quietMs` (or after `maxMs`). */
  private async waitQuiet(quietMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const last = this.lines.at(-1)?.at ?? 0;
      const wait = Math.min(last + quietMs, deadline) - Date.now();
      if (wait <= 0) return;
      await this.waitLines(() => (this.lines.at(-1)?.at ?? 0) !== last, wait);
    }
  }

  /** Resolves when `pred` holds over the collected lines, or after `timeoutMs` (messages trail the fetch). */
  private waitLines(pred: () => boolean, timeoutMs: number): Promise<void> {
    if (pred()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const check = (): void => {
        if (pred()) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(check);
    });
  }

  async run(lab: Lab, id: string, stepCount: number): Promise<FirefoxScenarioObservation> {
    const run = newRunId(id);
    this.lines = [];
    const steps: FirefoxStepObservation[] = [];
    for (let index = 0; index < stepCount; index++) {
      const before = lab.wire.at(-1)?.seq ?? 0;
      const fromLine = this.lines.length;
      const result = await this.page.evaluate((i, s, r) => window.labRunStep(i, s, r), id, index, run);
      const mine = (): FirefoxReason[] =>
        this.lines
          .slice(fromLine)
          .filter((l) => l.text.includes(run))
          .flatMap((l) => {
            const reason = parseFirefoxCorsMessage(l.text);
            return reason ? [reason] : [];
          });
      // console lines trail the rejection (a failed preflight logs a second line later):
      // wait (bounded) for the first one, then until no new line came for QUIET_MS
      if (!result.ok) {
        await this.waitLines(() => mine().length > 0, 2000);
        await this.waitQuiet(QUIET_MS, 2000);
      }
      const details = mine();
      steps.push({
        step: index, result, reasons: details.map((d) => d.key), details,
        wireOptions: lab.wire.filter((w) => w.seq > before && w.run === run && w.method === 'OPTIONS').length,
      });
    }
    return { id, run, steps, console: this.lines.map((l) => l.text) };
  }

  /**
   * Firefox ESR 153 quirk (probed 2026-11-22): right after launch the first two or three cacheable
   * preflights are not reused. Runs `cache-max-age-60` until its repeat is a cache hit (at most
   * `max` times) so later cache lessons show steady-state behaviour. Returns the attempts made.
   */
  async warmPreflightCache(lab: Lab, max = 6): Promise<number> {
    for (let attempt = 1; attempt <= max; attempt++) {
      const obs = await this.run(lab, 'cache-max-age-60', 2);
      if (obs.steps[1]?.wireOptions === 0) return attempt;
    }
    return max;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
