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
function settingCookies(entries: number, lines: (i: number) => readonly string[] = () => ['sid=1; SameSite=None; Secure; Path=/'], of = exchangesOf): readonly ObservedExchange[] {
  return of(entries).map((x, i) => {
    const headers = lines(i).map((value) => ({ name: 'Set-Cookie', value }));
    return { ...x, legs: x.legs.map((leg) => (leg.response === null ? leg : { ...leg, response: { ...leg.response, headers: [...leg.response.headers, ...headers] } })) };
  });
}

/**
 * Only the synthetic HAR's simple cross-origin GETs (`api.bench.test/feed/…` from
 * `app.bench.test`, credentials open): one kind of request throughout, so N and 2N differ only in
 * how many. (The whole synthetic HAR changes its mix with its size: its preflight cache warms up
 * over 500 paths.)
 */
function feedExchanges(entries: number): readonly ObservedExchange[] {
  const har = syntheticHar(Math.ceil((entries * 20) / 6) + 20) as { log: { entries: { request: { url: string } }[] } };
  const read = readHar({ log: { ...har.log, entries: har.log.entries.filter((e) => e.request.url.includes('/feed/')).slice(0, entries) } });
  if (!read.ok) throw new Error(read.error.message);
  return read.value.exchanges;
}

/**
 * Every response sets a cookie of its own name on the page's site (same-site, so stored): the jar
 * grows with the capture unless it is capped as the browsers cap it (caps.ts: 180 per site).
 * Before the caps each request read every cookie ever set: 1,000 → 2,000 entries of the synthetic
 * HAR took 2.9 → 18.9 s CPU (6.6×; bench/README.md). The first response fills the site to its cap,
 * so each request considers as many cookies at N as at 2N (the answer's size per request does not
 * grow with N).
 */
const FILL = Array.from({ length: 180 }, (_, k) => `fill${k}=1; Path=/`);
const distinctCookies = (entries: number): readonly ObservedExchange[] =>
  settingCookies(entries, (i) => [...(i === 0 ? FILL : []), `c${i}=1; Path=/`], feedExchanges);

describe('the cookie pass scales linearly', { timeout: 120_000 }, () => {
  it('entries whose credentials the recording leaves open, each setting a cookie', () => {
    const result = scalingRatio({ build: settingCookies, run: (exchanges) => captureCookies(exchanges, 'chromium') }, { n: 2_000, limit: LIMIT });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });

  // Chromium simulates the capture three times (both third-party readings and the inference): a
  // smaller N; the site is full from the first response, so N = 500 already measures the steady state
  it.each([['chromium', 500], ['firefox', 2_000]] as const)('entries whose credentials the recording leaves open, each setting a cookie of its own name on one site (%s, N = %i)', { timeout: 300_000 }, (recorder, n) => {
    const result = scalingRatio({ build: distinctCookies, run: (exchanges) => captureCookies(exchanges, recorder) }, { n, runs: 3, limit: LIMIT });
    expect(result.ratio, JSON.stringify(result)).toBeLessThanOrEqual(LIMIT);
  });
});
