import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateExchange } from './evaluate.ts';
import type { ObservedExchange } from '../model/exchange.ts';
import { exchange } from './exchange-arbitrary.test-util.ts';

describe('evaluateExchange never throws', () => {
  it('on well-typed exchanges with random contents, and never needs its fallback', () => {
    fc.assert(
      fc.property(exchange, fc.option(fc.double(), { nil: undefined }), (x, now) => {
        const v = evaluateExchange(x, now === undefined ? undefined : { now });
        expect(v.checks[0]?.id).not.toBe('evaluator.input');
        // Internal consistency of the two browser verdicts.
        for (const b of [v.chromium, v.firefox]) {
          expect(b.allowed).toBe(b.code === null);
          if (b.allowed) expect(b.consoleMessage).toBeNull();
        }
        expect(v.chromium.firefoxReason).toBeNull();
        expect(v.firefox.corsError).toBeNull();
        const recorder = x.recorder === 'firefox' ? v.firefox : v.chromium;
        if (v.outcome !== 'not-cors') expect(v.code).toBe(recorder.code);
        expect(v.browsersDisagree).toBe(v.chromium.allowed !== v.firefox.allowed);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const v = evaluateExchange(junk as ObservedExchange);
        expect(['allowed', 'blocked', 'not-cors']).toContain(v.outcome);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('on exchanges whose fields are replaced by junk', () => {
    fc.assert(
      fc.property(exchange, fc.constantFrom('legs', 'outcome', 'recorder', 'mode', 'initiatorOrigin'), fc.anything(), (x, key, junk) => {
        const broken = { ...x, [key]: junk } as unknown as ObservedExchange;
        expect(() => evaluateExchange(broken)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
