/**
 * Golden files per format (JSON, text, Markdown, HTML) on lab-recorded exchanges from Chromium
 * and Firefox (test/fixtures/recorded): a blocked preflight, two identical missing-ACAO failures
 * (one group), a mismatch, a preflight-cache hit (its preflight curl rebuilt), a cross-origin
 * redirect tainting the origin to `null`, and credentialed exchanges. Redacted with a fixed salt.
 * `UPDATE_GOLDEN=1` rewrites the files; review the diff like code.
 */
// eslint-disable-next-line no-restricted-imports -- the test reads fixtures; the modules under test stay pure
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateExchange } from '../cors/index.ts';
import { Redaction } from '../handoff/redact.ts';
import { readHarDocument } from '../har/read-har.ts';
import { parseHarText } from '../har/validate.ts';
import { buildReport } from './build.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'golden');
const SCENARIOS = /\/s\/(preflight-missing-acah-json|missing-acao-200|missing-acao-500|acao-mismatch|cache-max-age-60|redirect-cross-to-other-acao-null|redirect-cross-to-other-acao-page|credentials-pass|redirect-same-to-cross-pass|cookie-samesite-none-secure|cookie-lax-same-site|cookie-credentials-omit)\//;
const AT = new Date('2026-11-20T10:00:00.000Z');

function report(browser: 'chromium' | 'firefox') {
  const parsed = parseHarText(readFileSync(join(ROOT, 'test', 'fixtures', 'recorded', `${browser}-lab.har`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const capture = readHarDocument(parsed.value);
  const picked = capture.exchanges.filter((x) => SCENARIOS.test(x.legs[0]?.request.url ?? ''));
  return buildReport(picked, picked.map((x) => evaluateExchange(x, { now: AT.getTime() })), {
    generator: { name: 'cors-inspector', version: 'golden' },
    source: { kind: 'har', recorder: capture.recorder, file: `${browser}-lab.har`, creator: capture.creator },
    generatedAt: AT,
    redaction: new Redaction('golden'),
  });
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, actual);
  expect(existsSync(file), `${name} is missing; UPDATE_GOLDEN=1 writes it`).toBe(true);
  expect(actual, `${name} differs; UPDATE_GOLDEN=1 rewrites it`).toBe(readFileSync(file, 'utf8'));
}

describe.each(['chromium', 'firefox'] as const)('golden reports recorded by %s', (browser) => {
  const built = report(browser);

  it('covers the chosen scenarios', () => {
    expect(built.exchanges.length).toBeGreaterThanOrEqual(8);
    expect(built.summary.blocked).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['json', () => renderJson(built)],
    ['txt', () => renderText(built, { server: 'nginx' })],
    ['md', () => renderMarkdown(built, { server: 'express' })],
    ['html', () => renderHtml(built, { server: 'express' })],
  ] as const)('%s', (ext, render) => {
    golden(`${browser}-lab.${ext}`, render());
  });
});
