/**
 * Chromium with its real DevTools front-end open, driven through puppeteer-core, which exposes the
 * front-end (`devtools://devtools/bundled/devtools_app.html`) as a page (`handleDevToolsAsPage`)
 * when Chromium starts with `--auto-open-devtools-for-tabs`. Code runs inside the front-end with
 * dynamic `import('devtools://devtools/bundled/…')` of its own modules.
 *
 * The DevTools target sometimes closes under automation (feasibility note §4: 8 of 20 runs
 * failed), so every user runs each attempt under `withDeadline`, closes with `closeChromium` (which
 * kills a browser whose close hangs), and retries.
 */
import puppeteer, { type Browser, type CDPSession as PuppeteerCDPSession, type Page } from 'puppeteer-core';
import type { CDPSession } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, DIST_CHROME } from './browsers.ts';

/** The front-end's entry page, whatever its query string. */
export const DEVTOOLS_APP_URL = 'devtools://devtools/bundled/devtools_app.html';

/** Launches headless Debian Chromium with DevTools open for every tab (and `dist/chrome` loaded with `extension`). */
export async function launchChromiumWithDevTools(opts: { extension?: boolean; args?: readonly string[] } = {}): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    pipe: true,
    ...(opts.extension ? { enableExtensions: [DIST_CHROME] } : {}),
    handleDevToolsAsPage: true,
    args: [...CHROMIUM_ARGS, ...(opts.args ?? []), '--auto-open-devtools-for-tabs'],
  });
}

/** Closes the browser; a DevTools target that went away can make close() hang, so the process is killed after 5 s. */
export async function closeChromium(browser: Browser): Promise<void> {
  const child = browser.process();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 5_000);
  });
  await Promise.race([browser.close(), grace]).catch(() => undefined);
  clearTimeout(timer);
  child?.kill('SIGKILL');
}

/**
 * `run()`, or a rejection naming `what` once `ms` have passed. The caller cleans up (closing the
 * browser ends whatever `run` still awaits).
 */
export async function withDeadline<T>(ms: number, what: string, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} exceeded ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([deadline, run()]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first inspected tab (the flag opened DevTools for it). */
export async function inspectedPage(browser: Browser): Promise<Page> {
  return (await browser.pages()).find((p) => !p.url().startsWith('devtools://')) ?? (await browser.newPage());
}

/** The DevTools front-end page, once its document has loaded. */
export async function devToolsFrontEnd(browser: Browser, timeoutMs = 20_000): Promise<Page> {
  const target = await browser.waitForTarget((t) => t.url().startsWith(DEVTOOLS_APP_URL), { timeout: timeoutMs });
  const devtools = await target.asPage();
  await devtools.waitForFunction(() => document.readyState === 'complete', { timeout: timeoutMs });
  return devtools;
}

/**
 * A puppeteer CDP session typed as Playwright's, for the recorders written against Playwright
 * (cdp-har.ts). They call only `on(event, listener)` and `send(method, params)`, which both
 * libraries implement alike; the two declare different overloads, hence the cast.
 */
export function asRecorderSession(session: PuppeteerCDPSession): CDPSession {
  return session as unknown as CDPSession;
}
