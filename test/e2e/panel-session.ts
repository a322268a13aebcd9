/**
 * The panel e2e set-up: Chromium with dist/chrome, the lab, the lab page in one tab, and the
 * panel pop-out (`panel.html?tabId=<that tab>`) in another. The pop-out's port makes the worker
 * record that tab, so the pop-out is opened before any scenario runs.
 */
import type { Page } from 'playwright-core';
import { startLab, type Lab } from '../../lab/server.ts';
import type { Scenario } from '../../lab/types.ts';
import { launchChromium, type ChromiumSession } from '../harness/browsers.ts';

export interface PanelSession {
  readonly browser: ChromiumSession;
  readonly lab: Lab;
  /** The lab page (the inspected tab). */
  readonly page: Page;
  readonly tabId: number;
  /** The panel pop-out. */
  readonly panel: Page;
  /** Runs a lab scenario in the inspected tab. */
  run(id: string): Promise<void>;
  close(): Promise<void>;
}

/** The id of the tab showing `urlPattern`, as the worker sees it (host permissions expose the URL). */
async function tabIdOf(browser: ChromiumSession, urlPattern: string): Promise<number> {
  const worker = browser.worker;
  if (!worker) throw new Error('the extension worker is not running');
  const ids = await worker.evaluate(async (url) => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> } } }).chrome;
    return (await api.tabs.query({ url })).map((t) => t.id ?? -1);
  }, urlPattern);
  const [id, ...rest] = ids;
  if (id === undefined || id < 0 || rest.length > 0) throw new Error(`expected one tab at ${urlPattern}, found ${JSON.stringify(ids)}`);
  return id;
}

export function panelUrl(browser: ChromiumSession, tabId: number | null): string {
  return `chrome-extension://${browser.extensionId}/src/panel/panel.html${tabId === null ? '' : `?tabId=${tabId}`}`;
}

/** `opts.scenarios`: the lab's scenario table (its lessons by default). */
export async function openPanelSession(opts: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; scenarios?: readonly Scenario[] } = {}): Promise<PanelSession> {
  const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, ...(opts.scenarios ? { scenarios: opts.scenarios } : {}) });
  const browser = await launchChromium({ extension: true });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${lab.pageOrigin}/`);
    await page.evaluate(() => window.labReady);
    const tabId = await tabIdOf(browser, `${lab.pageOrigin}/*`);
    const panel = await browser.context.newPage();
    await panel.setViewportSize(opts.viewport ?? { width: 1280, height: 760 });
    if (opts.colorScheme) await panel.emulateMedia({ colorScheme: opts.colorScheme });
    await panel.goto(panelUrl(browser, tabId));
    // Synced: the worker's snapshot arrived (the empty state says "Recording", or rows are shown).
    await panel.waitForFunction(() => {
      const text = document.querySelector('[data-testid="panel"]')?.textContent ?? '';
      return !text.includes('Connecting…');
    });
    return {
      browser,
      lab,
      page,
      tabId,
      panel,
      async run(id) {
        await page.evaluate((scenario) => window.labRun(scenario), id);
      },
      async close() {
        await browser.close();
        await lab.close();
      },
    };
  } catch (error) {
    await browser.close();
    await lab.close();
    throw error;
  }
}
