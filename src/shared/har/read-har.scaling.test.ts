/**
 * Reading a HAR is near-linear in what the file controls: redirects to one URL, identical
 * concurrent requests, and entries. Each case doubles one dimension and requires the CPU time to
 * at most ~2.5× (`scalingRatio`: a ratio within one run, never a time limit).
 */
import { describe, expect, it } from 'vitest';
import thirty from '../../../test/fixtures/har/chrome-30-identical-concurrent.har?raw';
import { syntheticHar } from '../../../bench/synthetic-har.ts';
import type { HarDocument } from './types.ts';
import { readHarDocument } from './read-har.ts';
import { validateHar } from './validate.ts';
import { identicalConcurrent, redirectsToOneUrl } from './hostile.test-util.ts';
import { analyzeHar } from '../report/analyze-har.ts';
import { scalingRatio } from '../../../test/harness/scaling.ts';

const LIMIT = 2.5;

function documentOf(har: unknown): HarDocument {
  const validated = validateHar(har);
  if (!validated.ok) throw new Error(validated.error.message);
  return validated.value;
}

describe('reading a HAR scales linearly', { timeout: 120_000 }, () => {
  it.each([
    // Redirects to one URL at 8,000 (16,000 entries, ~44 MB allocated per run): with runs smaller than
    // the young generation the collector's share grows with N (test/harness/scaling.ts); measurements of
    // 200 ms hold several scavenges at each size (bench/README.md "Hostile input (issue 14)").
    { dimension: 'redirects to one URL', build: (n: number) => documentOf(redirectsToOneUrl(n)), n: 8_000, minMs: 200 },
    // Pairing identical requests sorts them by time: n log n reads ~2.2×, close to the limit, so its
    // measurements run longer (200 ms) to keep a parallel test file's noise from deciding the ratio.
    { dimension: 'identical concurrent requests', build: (n: number) => documentOf(identicalConcurrent(thirty, n, 'requests-first')), n: 500, minMs: 200 },
  ])('$dimension', ({ build, n, minMs }) => {
    const result = scalingRatio({ build, run: readHarDocument }, { n, limit: LIMIT, ...(minMs === undefined ? {} : { minMs }) });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });

  it('entries, from HAR JSON to report', () => {
    const generatedAt = new Date(Date.UTC(2026, 10, 20, 12));
    const result = scalingRatio({ build: syntheticHar, run: (har) => analyzeHar(har, { generatedAt }) }, { n: 1_000, limit: LIMIT });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });
});
