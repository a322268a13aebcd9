/**
 * The HTML report is inert: opened in real Chromium, a report whose recorded values are hostile
 * (`<img src=x onerror=…>`, `<script>`, `](javascript:…)`, an `<iframe>`, a CSS `url()`, a bidi
 * override) runs no script and makes no request, and shows each value as text. Checked twice:
 * as written (its Content-Security-Policy forbids loading anything) and with that policy removed,
 * so the escaping itself is what is proven. Also saves a screenshot of the report.
 */
import path from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateExchange } from '../../src/shared/cors/index.ts';
import { Redaction } from '../../src/shared/handoff/redact.ts';
import type { ObservedExchange } from '../../src/shared/model/exchange.ts';
import { buildReport } from '../../src/shared/report/build.ts';
import { renderHtml } from '../../src/shared/report/html.ts';
import { readHarDocument } from '../../src/shared/har/read-har.ts';
import { parseHarText } from '../../src/shared/har/validate.ts';
import type { HarDocument } from '../../src/shared/har/types.ts';
import { launchChromium, ROOT, SCREENSHOT_DIR, type ChromiumSession } from '../harness/browsers.ts';

function parseOrThrow(text: string): HarDocument {
  const parsed = parseHarText(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const BEACON = 'http://127.0.0.1:9/beacon';
const HOSTILE = [
  `<img src=${BEACON}?img onerror="window.__pwned='img'">`,
  `<script>window.__pwned='script';fetch('${BEACON}?script')</script>`,
  `](javascript:window.__pwned='md')`,
  `<iframe src="${BEACON}?frame"></iframe>`,
  `<style>body{background:url(${BEACON}?css)}</style>`,
  `"><svg onload="window.__pwned='svg'">`,
  'evil\u202etxt.exe',
];

const PAGE = 'http://localhost:8310';
const API = 'http://127.0.0.1:8311/api/items';

function exchange(id: string, value: string): ObservedExchange {
  return {
    id,
    recorder: 'chromium',
    initiatorOrigin: PAGE,
    resourceType: 'fetch',
    legs: [
      {
        request: {
          url: `${API}?q=${encodeURIComponent(value)}`,
          method: 'PUT',
          headers: [
            { name: 'Origin', value: PAGE },
            { name: 'X-Note', value },
            { name: 'Sec-Fetch-Mode', value: 'cors' },
          ],
          body: { text: value },
        },
        preflight: {
          kind: 'observed',
          request: { url: `${API}?q=${encodeURIComponent(value)}`, method: 'OPTIONS', headers: [{ name: 'Origin', value: PAGE }, { name: 'Access-Control-Request-Method', value: 'PUT' }, { name: 'Access-Control-Request-Headers', value: 'x-note' }] },
          response: { status: 204, headers: [{ name: 'Access-Control-Allow-Origin', value }, { name: 'Access-Control-Allow-Methods', value }] },
        },
        response: null,
      },
    ],
    outcome: { kind: 'failed', error: 'net::ERR_FAILED' },
  };
}

function hostileReport(): string {
  const exchanges = HOSTILE.map((value, i) => exchange(String(i), value));
  const report = buildReport(
    exchanges,
    exchanges.map((x) => evaluateExchange(x, { now: 0 })),
    { generator: { name: 'cors-inspector', version: 'test' }, source: { kind: 'har', recorder: 'chromium', file: `<b>${HOSTILE[0] ?? ''}</b>` }, generatedAt: '2026-11-20T10:00:00.000Z', redaction: new Redaction('x') },
  );
  return renderHtml(report, { server: 'express' });
}

let session: ChromiumSession;

beforeAll(async () => {
  session = await launchChromium();
});

afterAll(async () => {
  await session?.close();
});

describe('the HTML report in Chromium', () => {
  const html = hostileReport();

  it.each([
    { name: 'as written (with its CSP)', document: html },
    { name: 'with the CSP removed', document: html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '') },
  ])('$name: no script runs, nothing is fetched, the values show as text', async ({ document }) => {
    expect(document.includes('Content-Security-Policy')).toBe(document === html);
    const page = await session.context.newPage();
    const requests: string[] = [];
    const events: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      events.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => events.push(`console ${m.text()}`));
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    await page.setContent(document, { waitUntil: 'load' });
    // Open every folded section, as a reader would.
    await page.evaluate(() => globalThis.document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    const state = await page.evaluate(() => ({
      pwned: (globalThis as { __pwned?: unknown }).__pwned ?? null,
      scripts: globalThis.document.querySelectorAll('script').length,
      injected: globalThis.document.querySelectorAll('img, iframe, svg, body style, object, embed, link').length,
      links: [...globalThis.document.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      text: globalThis.document.body.innerText,
    }));
    await page.close();
    expect(state.pwned).toBeNull();
    expect(state.scripts).toBe(0);
    expect(state.injected).toBe(0);
    expect(state.links.every((href) => href !== null && href.startsWith('https://developer.mozilla.org/'))).toBe(true);
    expect(requests).toEqual([]);
    expect(events).toEqual([]);
    for (const value of HOSTILE.slice(0, 6)) expect(state.text).toContain(value);
    // The bidi override is shown as its escape, not obeyed.
    expect(state.text).toContain('evil\\u202Etxt.exe');
  });

  it('is readable: a screenshot of a report on lab-recorded exchanges', async () => {
    const capture = readHarDocument(parseOrThrow(readFileSync(path.join(ROOT, 'test/fixtures/recorded/chromium-lab.har'), 'utf8')));
    const picked = capture.exchanges.filter((x) => /\/s\/(preflight-missing-acah-json|redirect-cross-to-other-acao-null)\//.test(x.legs[0]?.request.url ?? ''));
    expect(picked.length).toBeGreaterThanOrEqual(2);
    const report = buildReport(picked, picked.map((x) => evaluateExchange(x, { now: 0 })), {
      generator: { name: 'cors-inspector', version: '0.1.0' },
      source: { kind: 'har', recorder: capture.recorder, file: 'chromium-lab.har' },
      generatedAt: '2026-11-20T10:00:00.000Z',
      redaction: new Redaction('screenshot'),
    });
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 1000, height: 1600 });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(renderHtml(report, { server: 'express' }), { waitUntil: 'load' });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'html-report.png') });
    expect(await page.locator('h1').textContent()).toBe('CORS report');
    await page.close();
  });
});
