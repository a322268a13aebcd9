/**
 * The CORS panel inside Firefox's real DevTools toolbox (headless Firefox ESR, dist/firefox):
 * the toolbox is opened on a lab tab as F12 would, our devtools page registers the panel, and the
 * test reads the panel's own document (test/harness/firefox-toolbox.ts says how).
 *
 * Checked: the devtools page records from the moment DevTools opens (a request made before the
 * panel is first shown is listed), `devtools.inspectedWindow.tabId` (the panel shows the lab tab's
 * exchanges), rows, a verdict, the explanation, copying to the clipboard from inside the toolbox
 * (a fix's Copy button, a row's context menu, a request as cURL run with the system curl against
 * the lab), that the panel fits the toolbox's panel area, and
 * that its theme follows the toolbox's (`devtools.theme`) both ways; and Re-send from the inspected page
 * (`devtools.inspectedWindow.eval` in Firefox) with the new verdict beside the old. Like the Chrome DevTools
 * smoke test, each attempt has a hard time limit and the test retries, so a toolbox that hangs
 * under automation fails one attempt only.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findScenario, scenarios } from '../../lab/scenarios.ts';
import type { Scenario } from '../../lab/types.ts';
import { startLab, type Lab, type WireEntry } from '../../lab/server.ts';
import { launchFirefox, SCREENSHOT_DIR } from '../harness/browsers.ts';
import { closeChromium as closeHard, withDeadline } from '../harness/devtools-frontend.ts';
import { FirefoxToolbox, type ToolboxPanel } from '../harness/firefox-toolbox.ts';
import { fixedScenario } from '../harness/lab-fix.ts';

const ATTEMPT_MS = 60_000;
const ALLOWED = 'simple-get-pass';
const BLOCKED = 'preflight-missing-acah-json';

/** The status class and verdict of the row whose URL names `scenario`, once it is no longer pending. */
const ROW_OF = (scenario: string): string => `(() => {
  const row = [...document.querySelectorAll('[data-testid="exchange-row"]')].find((r) => r.querySelector(".cell-url").textContent.includes("/s/${scenario}/"));
  const status = row && [...row.classList].find((c) => c.startsWith("status-row-"));
  return status && status !== "status-row-pending" ? { status, verdict: row.querySelector(".cell-verdict").textContent } : null;
})()`;

/** The relative luminance (0–1) of the panel's body background. */
const BACKGROUND_LUMINANCE = `(() => {
  const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
})()`;

/** Scrolls every scrolled element back to its top (the click on Copy scrolled the details). */
const SCROLL_TO_TOP = `document.querySelectorAll("*").forEach((e) => { if (e.scrollTop > 0) e.scrollTop = 0; })`;

function failedParameterOf(id: string): string {
  const step = findScenario(id)?.steps[0];
  const parameter = step?.hypothesis?.failedParameter;
  if (parameter === undefined) throw new Error(`lab scenario ${id} names no failed parameter`);
  return parameter;
}

async function expectTheme(toolbox: FirefoxToolbox, panel: ToolboxPanel, theme: 'light' | 'dark'): Promise<void> {
  await panel.waitFor(`document.documentElement.dataset.theme === ${JSON.stringify(theme)}`, 10_000);
  expect(await toolbox.shownTheme()).toBe(theme);
  const luminance = Number(await panel.evaluate(BACKGROUND_LUMINANCE));
  if (theme === 'dark') expect(luminance).toBeLessThan(0.3);
  else expect(luminance).toBeGreaterThan(0.7);
}

/** What one attempt runs: the lab tab is open, the toolbox is open on it. */
type ToolboxRun = (env: { readonly lab: Lab; readonly table: Scenario[]; readonly page: Page; readonly toolbox: FirefoxToolbox }) => Promise<void>;

/** One attempt with its own Firefox and lab, under a hard time limit. */
async function attempt(body: ToolboxRun, opts: { readonly before?: string } = {}): Promise<void> {
  // The lab reads its table on every request: replacing a scenario in it changes the server.
  const table = [...scenarios];
  const lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0, scenarios: table });
  const firefox = await launchFirefox({
    extension: true,
    prefs: {
      // The toolbox's theme is set, not left to "auto" (which follows the desktop's colour scheme).
      'devtools.theme': 'light',
      // Overlay scrollbars, GNOME's default: headless Firefox leaves classic scrollbars unpainted
      // (a blank white strip in the screenshots, whatever the theme).
      'ui.useOverlayScrollbars': 1,
    },
  });
  try {
    await withDeadline(ATTEMPT_MS, 'Firefox toolbox attempt', async () => {
      const page = await firefox.browser.newPage();
      // No emulated viewport: the tab is as large as its window, as a user's is.
      await page.setViewport(null);
      await page.goto(`${lab.pageOrigin}/`);
      await page.evaluate('window.labReady');
      // A scenario run before DevTools opens: the panel must say the page made it (earlier-requests.ts).
      if (opts.before !== undefined) await runIn(page)(opts.before);
      const toolbox = await FirefoxToolbox.open(firefox, lab.pageOrigin);
      await body({ lab, table, page, toolbox });
    });
  } catch (error) {
    // A retry that passes would otherwise hide why this attempt failed.
    console.warn('Firefox toolbox attempt failed:', error);
    throw error;
  } finally {
    // A puppeteer Browser that hangs on close is killed (the helper is not Chromium-specific).
    await closeHard(firefox.browser);
    await lab.close();
  }
}

const runIn = (page: Page) => (id: string): Promise<unknown> => page.evaluate((scenario) => window.labRun(scenario), id);

/** The panel from the moment the toolbox opens: rows, a verdict, copying, the theme. */
const smoke: ToolboxRun = async ({ lab, page, toolbox }) => {
  const run = runIn(page);
  // The devtools page connects before it registers the panel: from then on the tab is
  // recorded, though the panel has not been shown yet.
  await toolbox.waitForPanel('CORS');
  await run(ALLOWED);
  const panel = await toolbox.selectPanel('CORS');
  expect(await panel.waitFor(ROW_OF(ALLOWED))).toMatchObject({ status: 'status-row-allowed' });
  await expectTheme(toolbox, panel, 'light');
  // The panel fills the toolbox's panel area and scrolls inside itself, never as a page.
  const fits = await panel.evaluate('document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight');
  expect(fits).toBe(true);

  await run(BLOCKED);
  const blocked = await panel.waitFor(ROW_OF(BLOCKED));
  expect(blocked).toMatchObject({ status: 'status-row-blocked' });
  expect(JSON.stringify(blocked)).toContain(failedParameterOf(BLOCKED));
  await panel.click('[data-testid="exchange-row"]', { withText: `/s/${BLOCKED}/` });
  await panel.waitFor('document.querySelector(\'[data-testid="checklist"]\') !== null');
  expect(await panel.text('[data-testid="verdict-summary"]')).toContain('recorded by Firefox');
  expect(await panel.evaluate('document.querySelector(".check.decisive")?.dataset.check')).toBe('preflight.headers');
  expect(await panel.text('[data-testid="explanation-tab"]')).toContain(failedParameterOf(BLOCKED));

  await toolbox.resize({ width: 1280, height: 800, toolboxHeight: 420 });
  await toolbox.screenshot(path.join(SCREENSHOT_DIR, 'firefox-toolbox-panel.png'), [panel]);

  // Copying a fix from inside the toolbox reaches the system clipboard (a trusted click).
  await toolbox.setClipboardText('before the copy');
  await panel.click('[data-testid="snippets"] button.copy');
  const clipboard = await pollUntil(() => toolbox.clipboardText(), (text) => text !== 'before the copy');
  expect(clipboard).toContain(lab.pageOrigin);
  // So does the row's context menu (a right click, then "Copy URL").
  await panel.click('[data-testid="exchange-row"]', { withText: `/s/${BLOCKED}/`, button: 2 });
  await panel.click('.context-menu button', { withText: 'Copy URL' });
  const url = await pollUntil(() => toolbox.clipboardText(), (text) => text !== clipboard);
  expect(url).toContain(`${lab.apiCrossSite}/s/${BLOCKED}/`);
  // And "Copy as cURL (bash)": the POST Firefox never sent, with the body the page gave it,
  // runs with the system curl and reaches the lab as the page asked.
  await panel.click('[data-testid="exchange-row"]', { withText: `/s/${BLOCKED}/`, button: 2 });
  await panel.click('.context-menu button', { withText: 'Copy as cURL (bash)' });
  const command = await pollUntil(() => toolbox.clipboardText(), (text) => text !== url);
  expect(command).toMatch(/^(# .*\n)*curl -i '/);
  const seen = await runCurl(lab, command);
  expect(seen.method).toBe('POST');
  expect(seen.scenario).toBe(BLOCKED);
  expect(Buffer.from(seen.body ?? []).toString('utf8')).toBe(findScenario(BLOCKED)?.steps[0]?.body);
  expect(seen.headers.find(([n]) => n.toLowerCase() === 'origin')?.[1]).toBe(lab.pageOrigin);
  await panel.evaluate(SCROLL_TO_TOP);
  // Switching the toolbox's theme reaches the open panel (devtools.panels.onThemeChanged).
  await toolbox.setTheme('dark');
  await expectTheme(toolbox, panel, 'dark');
  await toolbox.screenshot(path.join(SCREENSHOT_DIR, 'firefox-toolbox-panel-dark.png'), [panel]);
  await toolbox.setTheme('light');
  await expectTheme(toolbox, panel, 'light');
};

/**
 * Verify for real, inside the toolbox: a request Firefox blocked at its response, the server
 * changed as Try a fix proposes, then one click re-sends the shown call from the inspected page
 * (`devtools.inspectedWindow.eval`) and Firefox's new verdict (a new exchange) appears beside the old.
 */
const resend: ToolboxRun = async ({ lab, table, page, toolbox }) => {
  await toolbox.waitForPanel('CORS');
  const panel = await toolbox.selectPanel('CORS');
  // The request made before the toolbox opened is not listed, and the panel says so: the count
  // comes back from the page through devtools.inspectedWindow.eval.
  expect(await panel.text('[data-testid="earlier-requests"]')).toMatch(/^This page made 1 cross-origin request before recording began/);
  const id = 'acao-mismatch';
  await runIn(page)(id);
  expect(await panel.waitFor(ROW_OF(id))).toMatchObject({ status: 'status-row-blocked' });
  await panel.click('[data-testid="exchange-row"]', { withText: `/s/${id}/` });
  await panel.waitFor('document.querySelector(\'[data-testid="resend-button"]\') !== null');
  const shown = await panel.text('[data-testid="resend-request"]');
  const url = /^fetch\("([^"]+)"/m.exec(shown)?.[1] ?? '';
  expect(new URL(url).pathname).toMatch(/^\/s\/acao-mismatch\//);
  expect(shown).toContain('method: "GET"');
  expect(shown).toContain('mode: "cors"');
  // The user changes the server as Try a fix proposes: the response's headers.
  await panel.click('[data-testid="try-fix-open"]');
  const headers = String(await panel.waitFor('document.querySelector(\'textarea[aria-label^="Headers of Response to GET"]\')?.value'));
  const index = table.findIndex((s) => s.id === id);
  const original = table[index];
  if (original === undefined) throw new Error(`no scenario ${id}`);
  table[index] = fixedScenario(original, id, [{ method: 'GET', url, headers: headers.split('\n').filter((l) => l.trim() !== '') }]);
  const before = lab.wire.length;
  await panel.click('[data-testid="resend-button"]');
  await panel.waitFor('document.querySelector(\'[data-when="after"][data-outcome="allowed"]\') !== null');
  // Sent by the page itself: the lab saw the page's origin, once more.
  expect(lab.wire.slice(before).filter((w) => w.url === url).map((w) => w.headers.find(([n]) => n.toLowerCase() === 'origin')?.[1])).toEqual([lab.pageOrigin]);
  expect(await panel.text('[data-when="before"]')).toMatch(/^Before: .*is not the request's origin$/);
  expect(await panel.text('[data-when="after"]')).toMatch(/^Now: Allowed/);
  expect(await panel.evaluate('document.querySelectorAll(\'[data-testid="exchange-row"]\').length')).toBe(2);
  await toolbox.resize({ width: 1280, height: 800, toolboxHeight: 420 });
  await panel.evaluate('document.querySelector(\'[data-testid="resend"]\').scrollIntoView()');
  await toolbox.screenshot(path.join(SCREENSHOT_DIR, 'firefox-toolbox-resend.png'), [panel]);
};

/** Runs a copied command in bash with the real curl; resolves to what the lab saw. */
async function runCurl(lab: Lab, command: string): Promise<WireEntry> {
  const last = lab.wire[lab.wire.length - 1]?.seq ?? 0;
  const status = await new Promise<number | null>((done) => spawn('bash', ['-c', command], { stdio: 'ignore' }).on('close', done));
  expect(status, command).toBe(0);
  return lab.waitForWire((e) => e.seq > last, 5_000);
}

/** Calls `read` every 100 ms until `done` accepts its value (10 s at most). */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the CORS panel inside the real Firefox toolbox (retried)', () => {
  it('records from when the toolbox opens, explains a blocked preflight, copies a fix, a URL and a request as cURL, and follows the toolbox theme', { retry: 2, timeout: 3 * (ATTEMPT_MS + 15_000) }, () => attempt(smoke));
  it('re-sends the failing request from the inspected page on a click, and shows Firefox’s new verdict beside the old', { retry: 2, timeout: 3 * (ATTEMPT_MS + 15_000) }, () => attempt(resend, { before: ALLOWED }));
});
