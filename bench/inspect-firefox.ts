/**
 * `bench/inspect.ts` in Firefox ESR: the lab's 500-fetch burst page timed in two Firefox instances
 * (puppeteer-core over WebDriver BiDi) used one at a time, one without any extension (A) and one
 * with dist/firefox where the real panel page is open as a pop-out on the measured tab, in a
 * window of its own so that it stays visible and renders (B). Firefox's listeners take no
 * `extraHeaders` (it has no such option). Runs alternate ABBA after one warm-up pair; the median
 * and range of the pair ratios B/A are printed with the load average.
 *
 *   npx vite build --mode firefox && npx tsx bench/inspect-firefox.ts [pairs=8]
 */
import type { Page } from 'puppeteer-core';
import { startLab } from '../lab/server.ts';
import { launchFirefox } from '../test/harness/browsers.ts';
import { burst, N, printInspectedPairs } from './burst-kit.ts';

const PAIRS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 8);

/** Firefox never reports `load` for moz-extension pages under BiDi: wait for the DOM, then the panel. */
async function openPanel(panel: Page, url: string): Promise<void> {
  await panel.goto(url, { waitUntil: 'domcontentloaded', timeout: 5_000 }).catch(() => undefined);
  await panel.waitForSelector('[data-testid="status-bar"]', { timeout: 30_000 });
}

async function burstPage(page: Page, origin: string): Promise<Page> {
  await page.goto(`${origin}/burst.html`);
  await page.evaluate('window.labReady');
  return page;
}

/** Waits until the panel's status bar starts with `text`. */
async function statusIs(panel: Page, text: string): Promise<void> {
  await panel.waitForFunction((want: string) => document.querySelector('[data-testid="status-bar"]')?.textContent?.startsWith(want) ?? false, { timeout: 60_000, polling: 50 }, text);
}

const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
const none = await launchFirefox();
const ours = await launchFirefox({ extension: true });
try {
  if (ours.extensionOrigin === null) throw new Error('extension not installed');
  const basePage = await burstPage(await none.browser.newPage(), lab.pageOrigin);
  const measured = await burstPage(await ours.browser.newPage(), lab.pageOrigin);
  const panel = await ours.browser.newPage({ type: 'window' });
  await panel.setViewport({ width: 1280, height: 800 });
  const base = `${ours.extensionOrigin}/src/panel/panel.html`;
  await openPanel(panel, base);
  const tabs = (await panel.evaluate('browser.tabs.query({}).then((ts) => ts.map((t) => [t.id, t.url ?? ""]))')) as [number, string][];
  const tabId = tabs.find(([, url]) => url.startsWith(`${lab.pageOrigin}/burst.html`))?.[0];
  if (tabId === undefined) throw new Error(`no tab at ${lab.pageOrigin}/burst.html`);
  await openPanel(panel, `${base}?tabId=${tabId}`);

  const inspected = async (): Promise<number> => {
    const [clear] = await panel.$$('xpath/.//button[normalize-space(.)="Clear" or @aria-label="Clear"]');
    if (clear === undefined) throw new Error('no Clear button');
    await clear.click();
    await statusIs(panel, '0 exchanges');
    const ms = await burst(measured);
    await statusIs(panel, `${N} exchanges`);
    return ms;
  };
  await printInspectedPairs('Firefox', basePage, inspected, PAIRS);
} finally {
  await ours.close();
  await none.close();
  await lab.close();
}
