/**
 * The panel in real Chromium with the extension: lab scenarios run in one tab, the pop-out panel
 * for that tab shows them. Asserts rows, verdicts, the checklist and the views, and refreshes the
 * screenshots under docs/screenshots/ (light and dark).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHar } from '../../bench/panel-har.ts';
import type { Report } from '../../src/shared/report/types.ts';
import { SCREENSHOT_DIR } from '../harness/browsers.ts';
import { openPanelSession, type PanelSession } from './panel-session.ts';

const SHOTS = SCREENSHOT_DIR;
const SCENARIOS = [
  'simple-get-pass',
  'preflight-missing-acah-json',
  'preflight-put-pass',
  'cache-max-age-60',
  'credentials-wildcard-acao',
  'acao-mismatch',
  'redirect-cross-to-other-acao-star',
];
/** cache-max-age-60 and credentials-wildcard-acao (a cookie first) make two requests. */
const EXCHANGES = SCENARIOS.length + 2;

let s: PanelSession;
let panel: Page;

const rows = (): Locator => panel.getByTestId('exchange-row');
const row = (scenario: string, nth = 0): Locator => rows().filter({ hasText: `/s/${scenario}/` }).nth(nth);
const verdictOf = (scenario: string, nth = 0): Promise<string | null> => row(scenario, nth).locator('.cell-verdict').textContent();

async function shoot(name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await panel.evaluate(() => document.fonts.ready.then(() => undefined));
  await panel.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function setTheme(scheme: 'light' | 'dark'): Promise<void> {
  await panel.emulateMedia({ colorScheme: scheme });
  await expect.poll(() => panel.evaluate(() => document.documentElement.dataset['theme'])).toBe(scheme);
}

beforeAll(async () => {
  s = await openPanelSession();
  panel = s.panel;
  for (const id of SCENARIOS) await s.run(id);
  await panel.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="exchange-row"]').length === n && !document.querySelector('.status-row-pending'),
    EXCHANGES,
    { timeout: 15_000 },
  );
});

afterAll(async () => {
  await s?.close();
});

describe('CORS panel pop-out in Chromium', () => {
  it('lists every exchange with its verdict in a few words and its badges', async () => {
    expect(await verdictOf('simple-get-pass')).toBe('Allowed');
    expect(await verdictOf('preflight-missing-acah-json')).toBe('Preflight: Allow-Headers lacks content-type');
    expect(await verdictOf('preflight-put-pass')).toBe('Allowed after preflight');
    expect(await verdictOf('cache-max-age-60', 1)).toMatch(/^Allowed \(preflight cached/);
    expect(await verdictOf('credentials-wildcard-acao', 1)).toBe('Access-Control-Allow-Origin * with credentials');
    expect(await verdictOf('acao-mismatch')).toMatch(/is not the request's origin$/);
    expect(await row('preflight-missing-acah-json').locator('.badge').allTextContents()).toContain('preflight');
    expect(await row('cache-max-age-60', 1).locator('.badge').allTextContents()).toContain('preflight cached');
    expect(await row('redirect-cross-to-other-acao-star').locator('.badge').allTextContents()).toContain('redirect');
    expect(await row('preflight-missing-acah-json').getByRole('img').getAttribute('aria-label')).toBe('Blocked by CORS');
    expect(await panel.getByTestId('status-bar').textContent()).toContain(`${EXCHANGES} exchanges`);
  });

  it('is a list like DevTools’: sortable, resizable and hideable columns, remembered; the filter completes and documents itself', async () => {
    const header = panel.getByTestId('list-header');
    expect(await header.locator('.header-title').allTextContents()).toEqual(['Status', 'Method', 'URL', 'Type', 'Initiator', 'Verdict', 'Flags', 'Time']);
    expect(await row('preflight-put-pass').locator('.cell-initiator').textContent()).toMatch(/^page/);
    expect(await row('preflight-put-pass').locator('.cell-type').textContent()).toBe('fetch/xhr');
    expect(await row('preflight-put-pass').locator('.cell-status').textContent()).toContain('200');
    await shoot('panel-list-light');
    await setTheme('dark');
    await shoot('panel-list-dark');
    await setTheme('light');
    // Sort: blocked first.
    await panel.getByRole('button', { name: 'Sort by Status' }).click();
    await expect.poll(() => rows().first().getByRole('img').getAttribute('aria-label')).toBe('Blocked by CORS');
    await shoot('panel-list-sorted-light');
    // Resize with the keyboard, hide from the header's context menu.
    const handle = panel.getByRole('separator', { name: 'Resize Verdict' });
    const width = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await panel.keyboard.press('Shift+ArrowRight');
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBe(width + 40);
    await header.click({ button: 'right' });
    await panel.getByRole('menuitemcheckbox', { name: /Flags/ }).click();
    await shoot('panel-columns-menu-light');
    await panel.keyboard.press('Escape');
    expect(await header.locator('.header-title').allTextContents()).not.toContain('Flags');
    // Remembered per profile: a new panel page opens with the same columns and sort.
    await expect
      .poll(() => panel.evaluate(async () => JSON.stringify((await chrome.storage.local.get('panel.list'))['panel.list'] ?? null)))
      .toContain('"flags"');
    await panel.reload();
    await rows().first().waitFor();
    expect(await panel.getByTestId('list-header').locator('.header-title').allTextContents()).not.toContain('Flags');
    expect(await panel.getByRole('button', { name: 'Sort by Status (sorted ascending)' }).count()).toBe(1);
    // The filter offers keys and values as they are typed; "?" documents it; a mistake is said.
    const filter = panel.getByRole('combobox', { name: 'Filter exchanges' });
    await filter.fill('is:');
    await expect.poll(() => panel.getByRole('listbox', { name: 'Filter suggestions' }).getByRole('option').count()).toBeGreaterThan(3);
    await shoot('panel-filter-autocomplete-light');
    await filter.press('ArrowDown');
    await filter.press('ArrowDown');
    await filter.press('Enter');
    expect(await filter.inputValue()).toBe('is:preflighted ');
    await expect.poll(() => rows().count()).toBe(3);
    await filter.fill('foo:bar');
    expect(await panel.getByTestId('filter-errors').textContent()).toContain('Unknown filter key “foo”');
    await filter.fill('');
    await panel.getByRole('button', { name: 'Filter syntax' }).click();
    await panel.getByRole('dialog', { name: 'Filter syntax' }).waitFor();
    await shoot('panel-filter-help-light');
    await panel.keyboard.press('Escape');
    // Back to the defaults for the tests that follow.
    await panel.getByTestId('list-header').click({ button: 'right' });
    await panel.getByRole('menuitem', { name: 'Reset columns' }).click();
    await panel.getByRole('button', { name: 'Sort by Status (sorted ascending)' }).click();
    await panel.getByRole('button', { name: 'Sort by Status (sorted descending)' }).click();
    await expect.poll(() => rows().count()).toBe(EXCHANGES);
  });

  it('explains a preflight failure completely: checklist, both browsers, fix, why preflighted', async () => {
    await row('preflight-missing-acah-json').click();
    const details = panel.getByTestId('details');
    await expect.poll(() => details.getByTestId('verdict-summary').textContent()).toContain('Blocked by CORS');
    const failing = details.locator('.check.decisive');
    expect(await failing.getAttribute('data-check')).toBe('preflight.headers');
    expect(await failing.getByRole('img').getAttribute('aria-label')).toBe('Fail');
    expect(await details.locator('.check-pass').count()).toBeGreaterThan(0);
    expect(await details.locator('[data-browser="chromium"]').textContent()).toContain('HeaderDisallowedByPreflightResponse');
    // Firefox's own verdict is the evaluator's business; the panel must show one for each browser.
    expect(await details.locator('[data-browser="firefox"] .pill').textContent()).toMatch(/^(allows|blocks)$/);
    expect(await details.getByTestId('fix-headers').textContent()).toMatch(/Access-Control-Allow-Headers: .*content-type/i);
    expect(await details.getByTestId('snippets').getByRole('tab').count()).toBe(9);
    expect(await details.getByTestId('preflight-triggers').textContent()).toContain('content-type');
    await shoot('panel-explanation-light');
    await setTheme('dark');
    await shoot('panel-explanation-dark');
    await setTheme('light');
  });

  it('tries a fix: the proposal passes both browsers, an edit re-runs both and the checklist, the result copies', async () => {
    const details = panel.getByTestId('details');
    await details.getByTestId('try-fix-open').click();
    const tryFix = details.getByTestId('try-fix');
    const outcome = (): Promise<Array<string | null>> => tryFix.getByTestId('try-fix-outcome').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-allowed')));
    const failing = (): Promise<Array<string | null>> => tryFix.locator('tr.check-fail').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-check')));
    expect(await outcome()).toEqual(['true', 'true']);
    expect(await failing()).toEqual([]);
    const area = tryFix.getByRole('textbox', { name: /^Headers of Preflight answer/ });
    const proposed = await area.inputValue();
    expect(proposed).toMatch(/^Access-Control-Allow-Headers: .*content-type/im);
    // What the server sends already: content-type is missing again, so each browser's verdict is
    // the one the panel shows for the recording (Chromium blocks; Firefox's is the evaluator's).
    const recorded = await details.locator('[data-browser] .pill').evaluateAll((pills) => pills.map((p) => String(p.textContent === 'allows')));
    expect(recorded[0]).toBe('false');
    await area.fill(proposed.replace(/^Access-Control-Allow-Headers: .*$/im, 'Access-Control-Allow-Headers: x-requested-with'));
    await expect.poll(outcome).toEqual(recorded);
    expect(await tryFix.getByTestId('try-fix-outcome').locator('[data-browser="chromium"]').textContent()).toBe('Chromium: blocked (header-disallowed-by-preflight)');
    expect(await failing()).toContain('preflight.headers');
    await tryFix.scrollIntoViewIfNeeded();
    await shoot('panel-try-fix-light');
    await setTheme('dark');
    await shoot('panel-try-fix-dark');
    await setTheme('light');
    await tryFix.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(outcome).toEqual(['true', 'true']);
    await s.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await tryFix.getByRole('button', { name: 'Copy headers' }).click();
    await expect.poll(() => panel.evaluate(() => navigator.clipboard.readText())).toContain(proposed.split('\n')[0] ?? '');
  });

  it('marks the offending header in the side-by-side headers', async () => {
    await panel.getByRole('tab', { name: 'Headers' }).click();
    const tab = panel.getByTestId('headers-tab');
    expect(await tab.locator('h4').allTextContents()).toEqual(['Preflight', 'Actual request']);
    const offending = tab.locator('tr.offending[data-header="access-control-allow-headers"]');
    expect(await offending.count()).toBe(1);
    expect(await tab.locator('.offending-mark').first().textContent()).toMatch(/content-type/i);
    await shoot('panel-headers-light');
  });

  it('shows a waterfall for a cached preflight', async () => {
    await row('cache-max-age-60', 1).click();
    await panel.getByRole('tab', { name: 'Timing' }).click();
    expect(await panel.getByTestId('timing-tab').textContent()).toContain('Preflight served from cache');
    await panel.getByRole('tab', { name: 'Explanation' }).click();
  });

  it('moves with the keyboard: arrows select, Enter opens the details, Esc closes them', async () => {
    await panel.getByRole('listbox').focus();
    await panel.keyboard.press('Home');
    await panel.keyboard.press('ArrowDown');
    expect(await panel.locator('.row.selected').getAttribute('aria-posinset')).toBe('2');
    await panel.keyboard.press('Enter');
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    await panel.keyboard.press('Escape');
    expect(await panel.getByTestId('details').count()).toBe(0);
    await panel.keyboard.press('Control+f');
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Filter exchanges');
  });

  it('filters by tokens and by "Failures only"', async () => {
    const filter = panel.getByRole('combobox', { name: 'Filter exchanges' });
    await filter.fill('status:blocked');
    await expect.poll(() => rows().count()).toBe(3);
    await filter.fill('method:PUT');
    await expect.poll(() => rows().count()).toBe(3);
    await filter.fill('');
    await panel.getByRole('checkbox', { name: 'Failures only' }).check();
    await expect.poll(() => rows().count()).toBe(3);
    await shoot('panel-failures-light');
    await panel.getByRole('checkbox', { name: 'Failures only' }).uncheck();
    await expect.poll(() => rows().count()).toBe(EXCHANGES);
  });

  it('shows the timeline and the preflight cache of the tab', async () => {
    await panel.getByRole('tab', { name: 'Timeline' }).click();
    await expect.poll(() => panel.getByTestId('timeline-lane').count()).toBe(EXCHANGES);
    expect(await panel.locator('.lane.blocked').count()).toBe(3);
    expect(await panel.locator('.lane-cache').count()).toBeGreaterThanOrEqual(1);
    await shoot('panel-timeline-light');
    await setTheme('dark');
    await shoot('panel-timeline-dark');
    await setTheme('light');
    await panel.getByRole('tab', { name: 'Preflight cache' }).click();
    const entries = panel.getByTestId('cache-entry');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(2);
    const cached = entries.filter({ hasText: '/s/cache-max-age-60/' });
    expect(await cached.textContent()).toContain('60 s');
    expect(await cached.locator('.served').count()).toBe(1);
    expect(await cached.getByRole('timer').first().textContent()).toMatch(/left/);
    await shoot('panel-cache-light');
    await panel.getByRole('tab', { name: 'Exchanges' }).click();
  });

  it('imports a HAR through the same evaluator; a bad file leaves the log untouched', async () => {
    const input = panel.getByTestId('har-input');
    await input.setInputFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('{"log": 1') });
    await expect.poll(() => panel.getByTestId('notice-error').textContent()).toContain('Could not import broken.har');
    expect(await rows().count()).toBe(EXCHANGES);
    await input.setInputFiles({ name: 'sample.har', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(generateHar(25))) });
    await expect.poll(() => panel.getByTestId('import-banner').textContent()).toContain('sample.har (25 exchanges)');
    expect(await panel.getByTestId('notice-error').count()).toBe(0);
    expect(await panel.getByTestId('status-bar').textContent()).toContain('25 exchanges');
    await panel.getByRole('button', { name: 'Back to live log' }).click();
    await expect.poll(() => rows().count()).toBe(EXCHANGES);
  });

  it('imports a HAR dropped on the panel', async () => {
    const transfer = await panel.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'dropped.har', { type: 'application/json' }));
      return dt;
    }, JSON.stringify(generateHar(10)));
    const zone = panel.locator('.drop-zone');
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    expect(await panel.locator('.drop-overlay').count()).toBe(1);
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(() => panel.getByTestId('import-banner').textContent()).toContain('dropped.har (10 exchanges)');
    await panel.getByRole('button', { name: 'Back to live log' }).click();
    await expect.poll(() => rows().count()).toBe(EXCHANGES);
  });

  it('exports the JSON report', async () => {
    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      (async () => {
        await panel.getByRole('button', { name: 'Export' }).click();
        await panel.getByRole('menuitem', { name: 'JSON report (.json)' }).click();
      })(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^cors-report-.*\.json$/);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    expect(report.schemaVersion).toBe(3);
    expect(report.source.kind).toBe('extension');
    expect(report.summary).toMatchObject({ exchanges: EXCHANGES, blocked: 3 });
    const blocked = report.exchanges.find((x) => x.request.url.includes('/s/preflight-missing-acah-json/'));
    expect(blocked?.verdict.summary).toBe('Preflight: Allow-Headers lacks content-type');
    expect(blocked?.explanation?.title).toMatch(/\S/);
  });

  it('stops and resumes recording, and toggles Preserve log, through the worker', async () => {
    await panel.getByRole('button', { name: 'Stop recording' }).click();
    await panel.getByRole('button', { name: 'Record' }).waitFor();
    expect(await panel.getByTestId('status-bar').textContent()).toContain('recording paused');
    await panel.getByRole('button', { name: 'Record' }).click();
    await panel.getByRole('button', { name: 'Stop recording' }).waitFor();
    expect(await panel.getByTestId('status-bar').textContent()).not.toContain('recording paused');
    const preserve = panel.getByRole('checkbox', { name: 'Preserve log' });
    await preserve.check();
    await expect.poll(() => preserve.isChecked()).toBe(true);
    await preserve.uncheck();
    await expect.poll(() => preserve.isChecked()).toBe(false);
  });

  it('clears the log and says what to do next', async () => {
    await panel.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => rows().count()).toBe(0);
    expect(await panel.getByTestId('empty-state').textContent()).toContain('Currently recording network activity');
    await shoot('panel-empty-light');
  });
});
