import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeJsonControls } from '../handoff/inert.ts';
import { renderJson } from './json.ts';
import type { Report, ReportExchange } from './types.ts';

const ENVELOPE = {
  schemaVersion: 3,
  generator: { name: 'cors-inspector', version: 'test' },
  source: { kind: 'har', recorder: 'chromium' },
  generatedAt: '2026-01-01T00:00:00.000Z',
  redacted: true,
  only: null,
  summary: { exchanges: 0, blocked: 0, allowed: 0, notCors: 0 },
  cookieSetting: null,
};

// Rows of any JSON, some fields shared between rows (as memoized checks and fixes are), strings
// with controls and bidi characters.
const text = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0085', '\u202e', '\u2028', '\u0001', 'é', ' ') });
const value = fc.oneof(fc.jsonValue(), text, fc.constant(undefined));
const rows = fc.tuple(fc.dictionary(text, value), fc.array(fc.tuple(fc.dictionary(text, value), fc.boolean()), { maxLength: 5 })).map(([shared, own]) =>
  own.map(([fields, share]) => ({ ...fields, ...(share ? { checks: shared } : {}) })),
);

describe('renderJson', () => {
  it('writes what JSON.stringify writes for the whole report, escaped, row by row', () => {
    fc.assert(
      fc.property(rows, (exchanges) => {
        const report = { ...ENVELOPE, exchanges } as unknown as Report;
        expect(renderJson(report)).toBe(`${escapeJsonControls(JSON.stringify(report, null, 2))}\n`);
      }),
      { numRuns: 300 },
    );
  });

  it('renders an empty row and an empty report as JSON.stringify does', () => {
    for (const exchanges of [[], [{}]] as ReportExchange[][]) {
      const report = { ...ENVELOPE, exchanges } as unknown as Report;
      expect(renderJson(report)).toBe(`${escapeJsonControls(JSON.stringify(report, null, 2))}\n`);
    }
  });
});
