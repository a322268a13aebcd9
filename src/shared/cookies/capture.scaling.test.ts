/**
 * The cookie pass over a capture is near-linear in its exchanges: each exchange whose credentials
 * the recording leaves open looks ahead only at later requests that carried a `Cookie` header,
 * never at a copy of the rest of the capture. Doubling the entries may at most ~2.5× the CPU time
 * (`scalingRatio`: a ratio within one run, never a time limit).
 *
 * The copy it replaced (`planned.slice(index + 1)` per open exchange) showed only from ~10,000
 * entries (bench/README.md, "The cookie pass"): 20,000 took 4.4 s against 0.65 s for 10,000, and
 * 1.2 s after. At the sizes a unit test can afford the linear work still dominates, so this guards
 * against a steeper regression; the bench figure is the one for the copy. (A capture without any
 * cookie no longer runs the simulation at all: capture-without-cookies.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { syntheticHar } from '../../../bench/synthetic-har.ts';
import { scalingRatio } from '../../../test/harness/scaling.ts';
import { readHar } from '../har/read-har.ts';
import type { ObservedExchange } from '../model/exchange.ts';
import { captureCookies } from './capture.ts';

const LIMIT = 2.5;

function exchangesOf(entries: number): readonly ObservedExchange[] {
  const read = readHar(syntheticHar(entries));
  if (!read.ok) throw new Error(read.error.message);
  return read.value.exchanges;
}

/**
 * Every response also sets a cookie, so the jar is simulated (a capture without cookies skips it)
 * and each open exchange asks what became of its cookie.
 */
function settingCookies(entries: number, line: (i: number) => string = () => 'sid=1; SameSite=None; Secure; Path=/'): readonly ObservedExchange[] {
  return exchangesOf(entries).map((x, i) => {
    const header = { name: 'Set-Cookie', value: line(i) };
    return { ...x, legs: x.legs.map((leg) => (leg.response === null ? leg : { ...leg, response: { ...leg.response, headers: [...leg.response.headers, header] } })) };
  });
}

/**
 * Every response sets a cookie of its own name on the page's site (`api.bench.test` from
 * `app.bench.test`: same-site, so stored): the jar grows with the capture unless it is capped as
 * the browsers cap it (caps.ts: 180 per site). Before the caps each request read every cookie
 * ever set: 1,000 → 2,000 entries took 2.9 → 18.9 s CPU (6.6×; bench/README.md).
 */
const distinctCookies = (entries: number): readonly ObservedExchange[] => settingCookies(entries, (i) => `c${i}=1; Path=/`);

describe('the cookie pass scales linearly', { timeout: 120_000 }, () => {
  it('entries whose credentials the recording leaves open, each setting a cookie', () => {
    const result = scalingRatio({ build: settingCookies, run: (exchanges) => captureCookies(exchanges, 'chromium') }, { n: 2_000, limit: LIMIT });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });

  it.each(['chromium', 'firefox'] as const)('entries whose credentials the recording leaves open, each setting a cookie of its own name on one site (%s)', (recorder) => {
    const result = scalingRatio({ build: distinctCookies, run: (exchanges) => captureCookies(exchanges, recorder) }, { n: 1_000, limit: LIMIT });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });
});
