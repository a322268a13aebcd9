/**
 * The hand-off from the panel pop-out in real Chromium: lab scenarios recorded live by the
 * extension, copied from the row menu and the details pane, read back from the clipboard, and
 * run — the curl commands with the system `curl`, fetch() in the lab page — against the lab, which
 * must see what the browser sent (or, for a request the browser never sent, what the page asked
 * for). Then the Export menu: failures only, Markdown and HTML, redacted by default. Refreshes the
 * screenshots of the copy menu and the export menu.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../lab/scenarios.ts';
import type { WireEntry } from '../../lab/server.ts';
import type { Report } from '../../src/shared/report/types.ts';
import { SCREENSHOT_DIR } from '../harness/browsers.ts';
import { openPanelSession, type PanelSession } from './panel-session.ts';

const BLOCKED_POST = 'preflight-missing-acah-json';
const ALLOWED_POST = 'preflight-acah-json-pass';
const CACHED = 'cache-max-age-60';
const CREDENTIALED = 'credentials-wildcard-acao';
const AUTHORIZED = 'preflight-acah-authorization-pass';
const SCENARIOS = [BLOCKED_POST, ALLOWED_POST, CACHED, CREDENTIALED, AUTHORIZED];
/** cache-max-age-60 and credentials-wildcard-acao (a cookie first) make two requests each. */
const EXCHANGES = SCENARIOS.length + 2;

let s: PanelSession;
let panel: Page;

const row = (scenario: string, nth = 0): Locator => panel.getByTestId('exchange-row').filter({ hasText: `/s/${scenario}/` }).nth(nth);
const menu = (): Locator => panel.getByRole('menu', { name: 'Exchange actions' });
const readClipboard = (): Promise<string> => s.page.evaluate(() => navigator.clipboard.readText());

/** Puts a marker on the clipboard, runs `copy`, and waits for the clipboard to change. */
async function copied(copy: () => Promise<void>): Promise<string> {
  const marker = `before ${Math.random()}`;
  await s.page.evaluate((text) => navigator.clipboard.writeText(text), marker);
  await copy();
  await expect.poll(readClipboard).not.toBe(marker);
  return readClipboard();
}

/** Right-clicks the row and picks `item` from its menu. */
async function fromRowMenu(scenario: string, nth: number, item: string): Promise<string> {
  return copied(async () => {
    await row(scenario, nth).click({ button: 'right' });
    await menu().getByRole('menuitem', { name: item, exact: true }).click();
  });
}

/** Runs a copied command in bash with the real curl; resolves to what the lab saw. */
async function runCurl(command: string): Promise<WireEntry> {
  const last = s.lab.wire[s.lab.wire.length - 1]?.seq ?? 0;
  const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((done) => child.on('close', done));
  expect(status, `${command}\n${stderr}`).toBe(0);
  return s.lab.waitForWire((e) => e.seq > last, 5_000);
}

/** Headers curl writes itself, and `Connection`, which webRequest does not report (Chromium sent `keep-alive`, curl's HTTP/1.1 default). */
const DERIVED = new Set(['host', 'content-length', 'accept-encoding', 'connection']);
const lines = (e: WireEntry | undefined, keep: (name: string) => boolean): string[] =>
  (e?.headers ?? []).filter(([n]) => keep(n.toLowerCase())).map(([n, v]) => `${n.toLowerCase()}: ${v}`).sort();
const header = (e: WireEntry | undefined, name: string): string | undefined => e?.headers.find(([n]) => n.toLowerCase() === name)?.[1];
/** What reached the lab before anything was copied: the browser's own requests. */
let browserWire: WireEntry[] = [];
/** What the browser sent to the lab for `scenario`, in order. */
const browserSent = (scenario: string, method: string): WireEntry[] => browserWire.filter((e) => e.scenario === scenario && e.method === method);

function stepBody(scenario: string): string {
  const body = findScenario(scenario)?.steps.at(-1)?.body;
  if (typeof body !== 'string') throw new Error(`lab scenario ${scenario} sends no text body`);
  return body;
}

/** Waits for the last "Copied …" confirmation to go by itself (before a screenshot). */
async function noticeGone(): Promise<void> {
  await expect.poll(() => panel.getByTestId('notice-info').count(), { timeout: 10_000 }).toBe(0);
}

async function shoot(name: string): Promise<void> {
  await panel.evaluate(() => document.fonts.ready.then(() => undefined));
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

async function download(choose: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([panel.waitForEvent('download'), choose()]);
  return { name: (file as Download).suggestedFilename(), text: readFileSync(await (file as Download).path(), 'utf8') };
}

beforeAll(async () => {
  s = await openPanelSession();
  panel = s.panel;
  // The clipboard is read back in the lab page (Playwright cannot grant permissions to an extension's origin).
  await s.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.lab.pageOrigin });
  for (const id of SCENARIOS) await s.run(id);
  await panel.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="exchange-row"]').length === n && !document.querySelector('.status-row-pending'),
    EXCHANGES,
    { timeout: 15_000 },
  );
  browserWire = [...s.lab.wire];
});

afterAll(async () => {
  await s?.close();
});

describe('copy from the panel pop-out, run against the lab', () => {
  it('copies a blocked POST as cURL from the row menu; curl sends the body the page sent, with the Origin the browser would have', async () => {
    await row(BLOCKED_POST).click({ button: 'right' });
    await expect.poll(() => menu().getByRole('menuitem', { name: 'Copy preflight as cURL (bash)' }).isEnabled()).toBe(true);
    await shoot('panel-copy-menu');
    await panel.keyboard.press('Escape');
    const command = await fromRowMenu(BLOCKED_POST, 0, 'Copy as cURL (bash)');
    expect(await panel.getByTestId('notice-info').textContent()).toBe('Copied the request as cURL (bash) to the clipboard.');
    expect(command).toContain('# The browser never sent this request');
    const seen = await runCurl(command);
    expect(seen.method).toBe('POST');
    expect(seen.scenario).toBe(BLOCKED_POST);
    expect(Buffer.from(seen.body ?? []).toString('utf8')).toBe(stepBody(BLOCKED_POST));
    expect(header(seen, 'origin')).toBe(s.lab.pageOrigin);
  });

  it('copies the preflight of a blocked POST; curl sends the OPTIONS the browser sent', async () => {
    const command = await fromRowMenu(BLOCKED_POST, 0, 'Copy preflight as cURL (bash)');
    const seen = await runCurl(command);
    const [browser] = browserSent(BLOCKED_POST, 'OPTIONS');
    const cors = (n: string): boolean => n === 'origin' || n.startsWith('access-control-request-');
    expect(seen.method).toBe('OPTIONS');
    expect(seen.url).toBe(browser?.url);
    expect(lines(seen, cors)).toEqual(lines(browser, cors));
    expect(lines(seen, cors).length).toBe(3);
  });

  it('copies a preflight that came from the cache, rebuilt from the request and said so; curl sends what the browser sent for it earlier', async () => {
    await row(CACHED, 1).click({ button: 'right' });
    const item = menu().getByRole('menuitem', { name: 'Copy preflight as cURL (bash)' });
    expect(await item.textContent()).toContain('rebuilt: it came from the preflight cache');
    await panel.keyboard.press('Escape');
    const command = await fromRowMenu(CACHED, 1, 'Copy preflight as cURL (bash)');
    expect(command).toMatch(/^# Rebuilt from the request: this preflight was answered from the browser preflight cache/);
    const seen = await runCurl(command);
    const browser = browserSent(CACHED, 'OPTIONS');
    expect(browser).toHaveLength(1);
    const cors = (n: string): boolean => n === 'origin' || n.startsWith('access-control-request-');
    expect(seen.url).toBe(browser[0]?.url);
    expect(lines(seen, cors)).toEqual(lines(browser[0], cors));
  });

  it('copies an allowed POST as cURL; curl sends every header and the body the browser sent', async () => {
    const command = await fromRowMenu(ALLOWED_POST, 0, 'Copy as cURL (bash)');
    expect(command).toContain('--data-raw');
    const seen = await runCurl(command);
    const [browser] = browserSent(ALLOWED_POST, 'POST');
    expect(seen.url).toBe(browser?.url);
    expect(lines(seen, (n) => !DERIVED.has(n))).toEqual(lines(browser, (n) => !DERIVED.has(n)));
    expect(Buffer.from(seen.body ?? []).toString('hex')).toBe(Buffer.from(browser?.body ?? []).toString('hex'));
    expect(Buffer.from(seen.body ?? []).toString('utf8')).toBe(stepBody(ALLOWED_POST));
  });

  it('copies fetch(), which runs in the page and sends the method, the page\'s headers and the body again', async () => {
    const code = await fromRowMenu(ALLOWED_POST, 0, 'Copy as fetch()');
    expect(code).toContain('mode: "cors"');
    const last = s.lab.wire[s.lab.wire.length - 1]?.seq ?? 0;
    await s.page.evaluate(`(async () => { ${code} })()`);
    const seen = await s.lab.waitForWire((e) => e.seq > last && e.method === 'POST', 5_000);
    const [browser] = browserSent(ALLOWED_POST, 'POST');
    expect(seen.url).toBe(browser?.url);
    expect(header(seen, 'content-type')).toBe(header(browser, 'content-type'));
    expect(Buffer.from(seen.body ?? []).toString('utf8')).toBe(stepBody(ALLOWED_POST));
  });

  it('copies the real Authorization value, and a redacted variant without it', async () => {
    const real = await fromRowMenu(AUTHORIZED, 0, 'Copy as cURL (bash)');
    const token = /-H 'Authorization: Bearer ([^']+)'/.exec(real)?.[1];
    expect(token, real).toBeDefined();
    const redacted = await fromRowMenu(AUTHORIZED, 0, 'Copy as cURL (bash), redacted');
    expect(redacted).not.toContain(token);
    expect(redacted).toMatch(/-H 'Authorization: Bearer \[REDACTED-\d+-[0-9a-f]{8}\]'/);
    expect(redacted).toMatch(/^# Redacted/);
  });

  it('copies from the details pane what it shows, for the remembered shell', async () => {
    await row(ALLOWED_POST).click();
    const reproduce = panel.getByTestId('reproduce');
    await reproduce.getByRole('combobox', { name: 'Shell' }).selectOption('powershell');
    await reproduce.getByRole('tab', { name: 'Request' }).click();
    const shown = await reproduce.getByTestId('reproduce-command').textContent();
    expect(shown).toContain('Invoke-WebRequest');
    await reproduce.scrollIntoViewIfNeeded();
    await noticeGone();
    await shoot('panel-reproduce');
    const text = await copied(() => reproduce.getByRole('button', { name: 'Copy as PowerShell' }).click());
    expect(text).toBe(shown);
    // The row menu writes for the same shell now; back to bash for the tests after this one.
    await row(ALLOWED_POST).click({ button: 'right' });
    expect(await menu().getByRole('menuitemradio', { name: 'PowerShell' }).getAttribute('aria-checked')).toBe('true');
    await menu().getByRole('menuitemradio', { name: 'bash / zsh' }).click();
    await panel.keyboard.press('Escape');
  });
});

describe('export from the panel pop-out', () => {
  it('exports failures only as HTML and Markdown, redacted by default; the unredacted JSON has the values', async () => {
    await noticeGone();
    await row(BLOCKED_POST).click();
    await panel.getByRole('button', { name: 'Export' }).click();
    const exportMenu = panel.getByRole('menu', { name: 'Export' });
    await exportMenu.getByRole('menuitemradio', { name: /^Failures only/ }).click();
    expect(await exportMenu.getByRole('menuitemcheckbox', { name: 'Redact credentials' }).getAttribute('aria-checked')).toBe('true');
    await shoot('panel-export-menu');
    const html = await download(() => exportMenu.getByRole('menuitem', { name: 'HTML report (.html)' }).click());
    expect(html.name).toMatch(/^cors-report-.*\.html$/);
    expect(html.text).toContain('Credentials are redacted');
    expect(html.text).toContain('Only the blocked exchanges are listed.');
    const reportPage = await s.browser.context.newPage();
    await reportPage.setViewportSize({ width: 1000, height: 900 });
    await reportPage.setContent(html.text);
    expect(await reportPage.locator('h2').allTextContents()).toEqual(['Summary', 'Failures']);
    await reportPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'panel-html-report.png'), fullPage: false });
    await reportPage.close();
    await panel.getByRole('button', { name: 'Export' }).click();
    const markdown = await download(() => exportMenu.getByRole('menuitem', { name: 'Markdown report (.md)' }).click());
    expect(markdown.name).toMatch(/\.md$/);
    expect(markdown.text).toMatch(/^# CORS report/);
    // Unredacted JSON of all shown: find the cookie values the browser sent, then require the redacted reports to lack them.
    await panel.getByRole('button', { name: 'Export' }).click();
    await exportMenu.getByRole('menuitemradio', { name: /^All shown/ }).click();
    await exportMenu.getByRole('menuitemcheckbox', { name: 'Redact credentials' }).click();
    const json = await download(() => exportMenu.getByRole('menuitem', { name: 'JSON report (.json)' }).click());
    const report = JSON.parse(json.text) as Report;
    expect(report.redacted).toBe(false);
    expect(report.summary.exchanges).toBe(await panel.getByTestId('exchange-row').count());
    // The secrets the browser sent and received: bearer tokens and the values of cookies set.
    const secrets = report.exchanges.flatMap((x) =>
      x.hops.flatMap((h) => [
        ...h.requestHeaders.filter((l) => l.name.toLowerCase() === 'authorization').map((l) => l.value.replace(/^Bearer /, '')),
        ...(h.responseHeaders ?? []).filter((l) => l.name.toLowerCase() === 'set-cookie').map((l) => /^[^=]*=([^;]*)/.exec(l.value)?.[1] ?? ''),
      ]),
    );
    expect(secrets.filter((v) => v.length >= 4).length).toBeGreaterThanOrEqual(1);
    await panel.getByRole('button', { name: 'Export' }).click();
    await exportMenu.getByRole('menuitemcheckbox', { name: 'Redact credentials' }).click();
    const redactedJson = await download(() => exportMenu.getByRole('menuitem', { name: 'JSON report (.json)' }).click());
    expect((JSON.parse(redactedJson.text) as Report).redacted).toBe(true);
    for (const secret of secrets.filter((v) => v.length >= 4)) {
      for (const text of [html.text, markdown.text, redactedJson.text]) expect(text).not.toContain(secret);
    }
  });
});
