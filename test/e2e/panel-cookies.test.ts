/**
 * The Cookies tab in the Chromium pop-out, on a credentialed request from an embedded cross-site
 * frame (a 127.0.0.1 widget in the localhost page) to the page's site: the SameSite=Lax cookie
 * an earlier response stored is withheld, and the SameSite=Strict cookie the response sets is
 * refused. Refreshes the screenshots `panel-cookies-light.png` / `-dark.png`.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H, ok, step } from '../../lab/scenario-kit.ts';
import { labLessons } from '../../lab/scenarios.ts';
import type { Scenario } from '../../lab/types.ts';
import { SCREENSHOT_DIR } from '../harness/browsers.ts';
import { openPanelSession, type PanelSession } from './panel-session.ts';

const CORS = [H.acaoOrigin, H.acacTrue, H.varyOrigin];
const WIDGET: Scenario = {
  id: 'cookie-widget-login',
  title: 'A cross-site widget calls the page\'s API with credentials',
  teaches: 'From a cross-site frame, the Lax session cookie stays home and a Strict cookie the API sets is refused.',
  category: 'cookies',
  steps: [
    step('same-site', ok(...CORS, H.setCookie('session_{run}=1; Path=/s/{scenario}/; SameSite=Lax')), { credentials: 'include', hypothesis: { ok: true } }),
    step('same-site', ok(...CORS, H.setCookie('csrf_{run}=1; Path=/s/{scenario}/; SameSite=Strict')), { credentials: 'include', frame: 'cross-site', hypothesis: { ok: true } }),
  ],
};

let s: PanelSession;
let panel: Page;

async function shoot(name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await panel.evaluate(() => document.fonts.ready.then(() => undefined));
  await panel.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

beforeAll(async () => {
  s = await openPanelSession({ scenarios: [...labLessons, WIDGET] });
  panel = s.panel;
  await s.run(WIDGET.id);
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid="exchange-row"]').length >= 2 && !document.querySelector('.status-row-pending'), null, { timeout: 15_000 });
});

afterAll(async () => {
  await s?.close();
});

describe('the Cookies tab', () => {
  it('shows the withheld session cookie and the refused Strict cookie with their rules, light and dark', async () => {
    await panel.getByTestId('exchange-row').filter({ hasText: `/s/${WIDGET.id}/1/` }).click();
    await panel.getByRole('tab', { name: 'Cookies' }).click();
    const tab = panel.getByTestId('cookies-tab');
    const withheld = tab.getByTestId('cookie-request-row').filter({ hasText: 'session_' });
    await expect.poll(() => withheld.textContent()).toContain('withheld');
    expect(await withheld.textContent()).toContain('SameSite');
    const refused = tab.getByTestId('cookie-response-row').filter({ hasText: 'csrf_' });
    expect(await refused.textContent()).toContain('not stored');
    // the browser's jar confirmed the refusal (the cookies API)
    await expect.poll(() => refused.getByTestId('cookie-jar-mark').count()).toBe(1);
    await shoot('panel-cookies-light');
    await panel.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => panel.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await shoot('panel-cookies-dark');
  });
});
