/**
 * The panel pop-out in Firefox ESR with dist/firefox (puppeteer-core over WebDriver BiDi): the
 * same page, fed by Firefox's worker, shows a lab exchange and its explanation.
 * Firefox never reports `load` for moz-extension pages under BiDi, so navigation waits only for
 * the DOM and the test then waits for the panel itself.
 */
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/panel-har.ts';
import { startLab, type Lab } from '../../lab/server.ts';
import { launchFirefox, SCREENSHOT_DIR, type FirefoxSession } from '../harness/browsers.ts';

let lab: Lab;
let firefox: FirefoxSession;
/** The lab page (the inspected tab) and the panel pop-out for it. */
let page: Page;
let panel: Page;

async function open(page: Page, url: string): Promise<void> {
  // The navigation itself succeeds; only its load event never comes.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 5_000 }).catch(() => undefined);
  await page.waitForSelector('[data-testid="panel"]', { timeout: 15_000 });
}

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
  firefox = await launchFirefox({ extension: true });
  page = await firefox.browser.newPage();
  await page.goto(`${lab.pageOrigin}/`);
  await page.evaluate('window.labReady');
  panel = await firefox.browser.newPage();
  const base = `${firefox.extensionOrigin}/src/panel/panel.html`;
  await open(panel, base);
  // An extension page may list tabs with their URLs (host permissions): find the lab's tab.
  const tabs = (await panel.evaluate('browser.tabs.query({}).then((ts) => ts.map((t) => [t.id, t.url ?? ""]))')) as Array<[number, string]>;
  const tabId = tabs.find(([, url]) => url.startsWith(lab.pageOrigin))?.[0];
  if (tabId === undefined) throw new Error(`no tab shows ${lab.pageOrigin}: ${JSON.stringify(tabs)}`);
  await open(panel, `${base}?tabId=${tabId}`);
});

afterAll(async () => {
  await firefox?.close();
  await lab?.close();
});

describe('CORS panel pop-out in Firefox', () => {
  it('shows a blocked preflight with its verdict and checklist', async () => {
    await panel.waitForSelector('[data-testid="empty-state"]');
    await page.evaluate('window.labRun("preflight-missing-acah-json")');
    await panel.waitForSelector('[data-testid="exchange-row"]', { timeout: 15_000 });
    expect(await panel.$eval('[data-testid="exchange-row"] .cell-verdict', (e) => e.textContent)).toBe('Preflight: Allow-Headers lacks content-type');
    await panel.click('[data-testid="exchange-row"]');
    await panel.waitForSelector('[data-testid="checklist"]');
    expect(await panel.$eval('[data-testid="verdict-summary"]', (e) => e.textContent)).toContain('recorded by Firefox');
    expect(await panel.$eval('.check.decisive', (e) => e.getAttribute('data-check'))).toBe('preflight.headers');
    await panel.setViewport({ width: 1280, height: 760 });
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'firefox-popout.png') });
  });

  it('exports the failures as an HTML report, redacted (the builders and the salted redaction run in Firefox)', async () => {
    // The saved file's text, as the panel hands it to the download (an object URL of a Blob).
    await panel.evaluate(() => {
      const blobs: Blob[] = [];
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob) => {
        blobs.push(blob);
        return create(blob);
      };
      (window as unknown as { savedBlobs: Blob[] }).savedBlobs = blobs;
    });
    await panel.click('button[aria-label="Export"]');
    await panel.waitForSelector('[role="menu"][aria-label="Export"]');
    const [failures] = await panel.$$('xpath/.//button[@role="menuitemradio"][starts-with(normalize-space(.), "Failures only")]');
    await failures?.click();
    await panel.click('button[aria-label="HTML report (.html)"]');
    await panel.waitForFunction(() => (window as unknown as { savedBlobs: Blob[] }).savedBlobs.length === 1);
    const html = await panel.evaluate(() => (window as unknown as { savedBlobs: Blob[] }).savedBlobs[0]?.text());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('recorded by Firefox');
    expect(html).toContain('Credentials are redacted');
    expect(html).toContain('Only the blocked exchanges are listed.');
    expect(html).toContain('preflight-missing-acah-json');
  });

  it('tries a fix: both browsers judged again on an edit, the checklist following, the result copied', async () => {
    await panel.click('[data-testid="try-fix-open"]');
    await panel.waitForSelector('[data-testid="try-fix"]');
    const outcome = (): Promise<Array<string | null>> =>
      panel.$$eval('[data-testid="try-fix-outcome"] li', (lis) => lis.map((li) => li.getAttribute('data-allowed')));
    const failing = (): Promise<Array<string | null>> => panel.$$eval('[data-testid="try-fix"] tr.check-fail', (rs) => rs.map((r) => r.getAttribute('data-check')));
    expect(await outcome()).toEqual(['true', 'true']);
    expect(await failing()).toEqual([]);
    const area = 'textarea[aria-label^="Headers of Preflight answer"]';
    const proposed = await panel.$eval(area, (e) => (e as HTMLTextAreaElement).value);
    expect(proposed).toMatch(/^Access-Control-Allow-Headers: .*content-type/im);
    // What the server sends already: content-type is missing again, so each browser's verdict is
    // the one the panel shows for the recording (Firefox recorded a block).
    const recorded = await panel.$$eval('[data-browser] .pill', (pills) => pills.map((p) => String(p.textContent === 'allows')));
    expect(recorded[1]).toBe('false');
    await panel.click(area);
    await panel.keyboard.down('Control');
    await panel.keyboard.press('a');
    await panel.keyboard.up('Control');
    await panel.keyboard.type(proposed.replace(/^Access-Control-Allow-Headers: .*$/im, 'Access-Control-Allow-Headers: x-requested-with'));
    await expect.poll(outcome).toEqual(recorded);
    expect(await panel.$eval('[data-testid="try-fix-outcome"] [data-browser="firefox"]', (e) => e.textContent)).toBe('Firefox: blocked (header-disallowed-by-preflight)');
    expect(await failing()).toContain('preflight.headers');
    await panel.$eval('[data-testid="try-fix"]', (e) => e.scrollIntoView());
    await panel.screenshot({ path: path.join(SCREENSHOT_DIR, 'firefox-popout-try-fix.png') });
    // Copy: the system clipboard (Firefox's headless one) is read back by pasting into a scratch field.
    const [reset, copyHeaders] = await Promise.all(['Reset', 'Copy headers'].map((name) => panel.waitForSelector(`::-p-aria(${name}[role="button"])`)));
    await reset?.click();
    await expect.poll(outcome).toEqual(['true', 'true']);
    await copyHeaders?.click();
    await panel.evaluate(() => {
      const scratch = document.createElement('textarea');
      scratch.id = 'paste-scratch';
      document.body.append(scratch);
      scratch.focus();
    });
    await expect
      .poll(async () => {
        await panel.keyboard.down('Control');
        await panel.keyboard.press('v');
        await panel.keyboard.up('Control');
        return panel.$eval('#paste-scratch', (e) => (e as HTMLTextAreaElement).value);
      })
      .toContain(proposed.split('\n')[0] ?? '');
    await panel.$eval('#paste-scratch', (e) => e.remove());
  });

  it('imports a dropped HAR (evaluated in a module worker)', async () => {
    const har = JSON.stringify(generateHar(12));
    await panel.evaluate((text: string) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.har', { type: 'application/json' }));
      const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer });
      document.querySelector('.drop-zone')?.dispatchEvent(drop);
    }, har);
    await panel.waitForSelector('[data-testid="import-banner"]', { timeout: 30_000 });
    expect(await panel.$eval('[data-testid="import-banner"]', (e) => e.textContent)).toContain('dropped.har (12 exchanges)');
  });
});
