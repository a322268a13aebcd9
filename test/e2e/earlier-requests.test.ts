/**
 * How the panel learns that the page made cross-origin requests before recording began
 * (src/panel/list/earlier-requests.ts): its expression, evaluated in a real lab page in Chromium
 * and Firefox, counts the page's cross-origin Resource Timing entries that started before a time,
 * and none of its same-origin ones (the page's own scripts and the scenario table).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab/server.ts';
import { countExpression } from '../../src/panel/list/earlier-requests.ts';
import { launchChromium, launchFirefox } from '../harness/browsers.ts';

/** Passing fetches to another origin, then one blocked by CORS. */
const SCENARIOS = ['simple-get-pass', 'preflight-put-pass', 'acao-wildcard', 'missing-acao-200'];

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ pagePort: 0, apiPort: 0, apiAltPort: 0 });
});

afterAll(async () => {
  await lab?.close();
});

/** Runs the scenarios in `evaluate`'s page and counts before and after them. */
async function counts(evaluate: (js: string) => Promise<unknown>): Promise<{ before: number; after: number; sameOriginLoaded: number }> {
  await evaluate('window.labReady');
  const before = Date.now();
  for (const id of SCENARIOS) await evaluate(`window.labRun(${JSON.stringify(id)})`);
  const after = Date.now() + 1;
  return {
    before: (await evaluate(countExpression(before))) as number,
    after: (await evaluate(countExpression(after))) as number,
    sameOriginLoaded: (await evaluate(`performance.getEntriesByType('resource').filter((e) => e.name.startsWith(location.origin)).length`)) as number,
  };
}

/** A lab page in a fresh browser: how to evaluate in it, and how to close the browser. */
interface OpenPage {
  readonly evaluate: (js: string) => Promise<unknown>;
  readonly close: () => Promise<void>;
}

const BROWSERS: readonly (readonly [string, () => Promise<OpenPage>])[] = [
  [
    'Chromium',
    async () => {
      const s = await launchChromium();
      const page = await s.context.newPage();
      await page.goto(`${lab.pageOrigin}/`);
      return { evaluate: (js) => page.evaluate(js), close: () => s.close() };
    },
  ],
  [
    'Firefox',
    async () => {
      const s = await launchFirefox();
      const page = await s.browser.newPage();
      await page.goto(`${lab.pageOrigin}/`);
      return { evaluate: (js) => page.evaluate(js), close: () => s.close() };
    },
  ],
];

describe('counting the requests a page made before recording began', () => {
  it.each(BROWSERS)('%s: every cross-origin request before the time, blocked ones included; no same-origin one', async (_browser, open) => {
    const page = await open();
    try {
      const c = await counts(page.evaluate);
      expect(c.sameOriginLoaded).toBeGreaterThan(0);
      expect(c).toMatchObject({ before: 0, after: SCENARIOS.length });
    } finally {
      await page.close();
    }
  });
});
