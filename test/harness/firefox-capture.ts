/**
 * The extension capturing a lab tab in real Firefox ESR: dist/firefox installed as a temporary
 * add-on, the lab's page in one tab and the panel page (with the probe of `extension.ts`
 * connected to the lab tab's log) in another. Shared by the Firefox capture e2e files.
 */
import { vi } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startLab, type Lab } from '../../lab/server.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';
import { launchFirefox, type FirefoxSession } from './browsers.ts';
import { FirefoxConsole } from './firefox-console.ts';
import { PANEL_PATH, PROBE_SOURCE, READ_PROBE, recordsOf, type ProbeState } from './extension.ts';

export interface FirefoxCapture {
  readonly session: FirefoxSession;
  readonly labPage: Page;
  /** The panel page, its probe connected to the lab tab. */
  readonly panel: Page;
  readonly tabId: number;
  probe(): Promise<ProbeState>;
  records(): Promise<ExchangeRecord[]>;
}

/** Opens a moz-extension page: over BiDi, Firefox may never report its load event. */
export async function openExtensionPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 5_000 }).catch(() => undefined);
  await page.waitForFunction(() => document.readyState !== 'loading', { timeout: 10_000 });
}

/**
 * Opens the panel page for the tab showing `pageOrigin` and connects the probe of `extension.ts`
 * to that tab's log (which makes the worker record it).
 */
export async function openFirefoxProbe(session: FirefoxSession, pageOrigin: string): Promise<{ panel: Page; tabId: number; probe: () => Promise<ProbeState> }> {
  const panel = await session.browser.newPage();
  const base = `${session.extensionOrigin}/${PANEL_PATH}`;
  await openExtensionPage(panel, base);
  const tabId = (await panel.evaluate(`(async () => {
    const tabs = await browser.tabs.query({});
    return tabs.find((t) => (t.url || '').startsWith(${JSON.stringify(pageOrigin)}))?.id ?? -1;
  })()`)) as number;
  if (tabId <= 0) throw new Error(`no tab shows ${pageOrigin}`);
  await openExtensionPage(panel, `${base}?tabId=${tabId}`);
  await panel.evaluate(`(${PROBE_SOURCE})(${tabId})`);
  const probe = async (): Promise<ProbeState> => (await panel.evaluate(READ_PROBE)) as ProbeState;
  await vi.waitFor(async () => {
    if (!(await probe()).connected) throw new Error('the probe has not connected yet');
  }, { timeout: 15_000 });
  return { panel, tabId, probe };
}

/** Launches Firefox with the extension, opens the lab page and connects a probe to its tab's log. */
export async function openFirefoxCapture(lab: Lab, prefs?: Record<string, unknown>): Promise<FirefoxCapture> {
  const session = await launchFirefox({ extension: true, ...(prefs !== undefined && { prefs }) });
  const labPage = await session.browser.newPage();
  await labPage.goto(`${lab.pageOrigin}/`);
  await labPage.evaluate('window.labReady');
  const { panel, tabId, probe } = await openFirefoxProbe(session, lab.pageOrigin);
  return { session, labPage, panel, tabId, probe, records: async () => recordsOf(await probe()) };
}

/** A lab, Firefox capturing its tab, and Firefox's console service: what the capture e2e files start with. */
export interface FirefoxLabCapture {
  readonly lab: Lab;
  readonly capture: FirefoxCapture;
  readonly firefoxConsole: FirefoxConsole;
  close(): Promise<void>;
}

export async function startFirefoxLabCapture(): Promise<FirefoxLabCapture> {
  const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
  const capture = await openFirefoxCapture(lab);
  const firefoxConsole = await FirefoxConsole.open(capture.session.browser);
  return {
    lab,
    capture,
    firefoxConsole,
    close: async () => {
      await capture.session.close();
      await lab.close();
    },
  };
}
