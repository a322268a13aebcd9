/**
 * Live pairing is near-linear in the number of identical concurrent preflighted requests: n PUTs
 * to one URL and their n preflights, all in flight at once, replayed through the tracker in each
 * recording browser's event order (Chrome: preflights first; Firefox: requests first). Doubling n
 * must at most ~2.5× the CPU time (`scalingRatio`: a ratio within one run, never a time limit).
 */
import { describe, expect, it } from 'vitest';
import type { BrowserName } from '../model/exchange.ts';
import { identicalCopies, loadFixture, replay } from '../../../test/fixtures/webrequest/load.ts';
import { scalingRatio } from '../../../test/harness/scaling.ts';

const LIMIT = 2.5;
const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

describe('live pairing of identical concurrent requests scales linearly', { timeout: 120_000 }, () => {
  it.each(BROWSERS)('%s event order', (browser) => {
    const fixture = loadFixture(browser, 'concurrent-identical');
    // The fixture holds four identical PUTs: n/4 copies of each are n requests.
    const build = (n: number) => identicalCopies(fixture, n / 4);
    const run = (events: ReturnType<typeof build>) => replay(fixture, events);
    const result = scalingRatio({ build, run }, { n: 8_000, limit: LIMIT });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });
});
