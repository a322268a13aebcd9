/**
 * Runs cookie scenarios in real headless Firefox ESR with a given `network.cookie.cookieBehavior`
 * and records per step: the cookie messages Firefox's console service logged (category and
 * text: Firefox's only account of a refused cookie), the `Cookie` header each request carried
 * (the lab's wire log), and this run's cookies in the jar after the step (`Services.cookies`,
 * with each cookie's partition key), read in the privileged browser scope.
 */
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from '../test/harness/browsers.ts';
import { FirefoxConsole, type RawScriptError } from '../test/harness/firefox-console.ts';
import type { Lab } from './server.ts';
import type { StepResult } from './types.ts';
import { newRunId } from './urls.ts';

/**
 * `network.cookie.cookieBehavior`: 0 accept all, 1 reject third-party, 4 reject trackers, 5 Total
 * Cookie Protection (third-party cookies partitioned by top-level site; Firefox's default).
 */
export type FirefoxCookieBehavior = 0 | 1 | 4 | 5;

export interface FirefoxJarCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  /** nsICookie.sameSite: 0 None, 1 Lax, 2 Strict (and 256 unset in some builds). */
  sameSite: number;
  secure: boolean;
  partitionKey: string;
  expiry: number;
}

export interface FirefoxCookieStep {
  step: number;
  result: StepResult;
  /** Console messages naming this run (cookie messages name the cookie). */
  messages: Pick<RawScriptError, 'category' | 'message' | 'flags'>[];
  /** Each request of this step that reached the lab, in order: its `Cookie` header and the `Set-Cookie` lines answered. */
  sent: { url: string; method: string; cookie: string | null; setCookie: string[] }[];
  jar: FirefoxJarCookie[];
}

const jarExpression = (run: string): string => `JSON.stringify(Services.cookies.cookies
  .filter((c) => c.name.includes(${JSON.stringify(run)}) || c.value.includes(${JSON.stringify(run)}))
  .map((c) => ({ name: c.name, value: c.value, host: c.host, path: c.path, sameSite: c.sameSite, secure: c.isSecure,
    partitionKey: c.originAttributes.partitionKey, expiry: c.expiry })))`;

export class FirefoxCookieProbe {
  private constructor(
    /** The browser (with dist/firefox installed when launched with `extension`). */
    readonly session: FirefoxSession,
    private readonly page: Page,
    private readonly console: FirefoxConsole,
  ) {}

  /**
   * `opts.pageUrl` opens another page than the lab's (with `opts.prefs`, e.g. `network.dns.localDomains`);
   * `opts.extension` installs dist/firefox.
   */
  static async launch(lab: Lab, cookieBehavior: FirefoxCookieBehavior, opts: { prefs?: Record<string, unknown>; pageUrl?: string; extension?: boolean } = {}): Promise<FirefoxCookieProbe> {
    const session = await launchFirefox({ extension: opts.extension ?? false, prefs: { 'network.cookie.cookieBehavior': cookieBehavior, ...(opts.prefs ?? {}) } });
    const page = await session.browser.newPage();
    await page.goto(opts.pageUrl ?? `${lab.pageOrigin}/`);
    await page.evaluate(() => window.labReady);
    return new FirefoxCookieProbe(session, page, await FirefoxConsole.open(session.browser));
  }

  async run(lab: Lab, id: string, stepCount: number): Promise<{ run: string; steps: FirefoxCookieStep[] }> {
    const run = newRunId(id);
    const steps = await this.record(lab, run, stepCount, (index) => this.page.evaluate((i, s, r) => window.labRunStep(i, s, r), id, index, run));
    return { run, steps };
  }

  /** Credentialed fetches of `urls` from the page, one step each, for run `run` (the URLs must carry it). */
  async runFetches(lab: Lab, run: string, urls: readonly string[]): Promise<FirefoxCookieStep[]> {
    return this.record(lab, run, urls.length, (index) =>
      this.page.evaluate(
        async (u, i) => {
          const r = await fetch(u, { credentials: 'include' });
          return { step: i, url: u, ok: true, status: r.status };
        },
        urls[index] ?? '',
        index,
      ),
    );
  }

  private async record(lab: Lab, run: string, stepCount: number, perform: (index: number) => Promise<StepResult>): Promise<FirefoxCookieStep[]> {
    const seen = new Set<string>();
    const steps: FirefoxCookieStep[] = [];
    for (let index = 0; index < stepCount; index++) {
      const before = lab.wire.at(-1)?.seq ?? 0;
      const result = await perform(index);
      const messages = (await this.console.readAll()).filter((m) => {
        const key = `${m.timeStamp}\u0000${m.message}`;
        if (!m.message.includes(run) || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      const sent = lab.wire
        .filter((w) => w.seq > before && w.run === run && w.method !== 'OPTIONS')
        .map((w) => ({
          url: w.url,
          method: w.method,
          cookie: w.headers.find(([n]) => n.toLowerCase() === 'cookie')?.[1] ?? null,
          setCookie: w.response.headers.filter(([n]) => n.toLowerCase() === 'set-cookie').map(([, v]) => v),
        }));
      const jar = JSON.parse(await this.console.evaluate(jarExpression(run))) as FirefoxJarCookie[];
      steps.push({ step: index, result, messages: messages.map(({ category, message, flags }) => ({ category, message, flags })), sent, jar });
    }
    return steps;
  }

  async close(): Promise<void> {
    await this.session.close();
  }
}
