/**
 * The verdict memo must be invisible: memoized verdicts deep-equal `evaluateExchange` on each
 * exchange. Checked over the recorded lab HARs and random exchanges, each together with variants
 * that differ only in what the key leaves out (id, timestamps without a cache hit, custom `x-`
 * request header values), so that the memo is actually hit.
 */
// eslint-disable-next-line no-restricted-imports -- the test reads fixtures; the modules under test stay pure
import { readFileSync, readdirSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CachedPreflight, ExchangeLeg, HttpHeader, ObservedExchange, ObservedRequest, ObservedResponse } from '../model/exchange.ts';
import { evaluateExchange } from './evaluate.ts';
import { evaluateExchanges, verdictKey } from './verdict-memo.ts';
import { sanitizeExchange } from './walk/sanitize.ts';
import { exchange } from './exchange-arbitrary.test-util.ts';
import { parseHarText } from '../har/validate.ts';
import { readHarDocument } from '../har/read-har.ts';
import { captureCookies, withCookieEvidence } from '../cookies/capture.ts';

const NOW = Date.UTC(2026, 11, 4);

/**
 * What the key leaves out, replaced by `fill` (a string) and `shift` (ms); with `everything`,
 * also what it keeps (times with a cache hit, the method-override values), so a key that left
 * those out would be caught sharing a verdict it must not.
 */
function variant(x: ObservedExchange, fill: string, shift: number, id: string, everything = false): ObservedExchange {
  const custom = (h: HttpHeader): HttpHeader => {
    const lower = h.name.toLowerCase();
    const read = !everything && ['x-http-method', 'x-http-method-override', 'x-method-override'].includes(lower);
    return lower.startsWith('x-') && !read ? { name: h.name, value: `${h.value}${fill}` } : h;
  };
  const time = <T extends { readonly startedAt?: number; readonly receivedAt?: number }>(o: T): T =>
    // Times move together (the same shift), which keeps every cache hit's freshness; with
    // `everything` the requests alone move, so an entry may expire.
    everything && !('method' in o) ? o : { ...o, ...(o.startedAt === undefined ? {} : { startedAt: o.startedAt + shift }), ...(o.receivedAt === undefined ? {} : { receivedAt: o.receivedAt + shift }) };
  const request = (r: ObservedRequest): ObservedRequest => time({ ...r, headers: r.headers.map(custom) });
  const response = (r: ObservedResponse | null): ObservedResponse | null => (r === null ? null : time(r));
  const cacheHit = (p: CachedPreflight): CachedPreflight => {
    if (everything) return p;
    const { sourceExchangeId: _id, cachedAt, sourceResponse, ...rest } = p;
    return {
      ...rest,
      sourceExchangeId: `${id}-source`,
      ...(cachedAt === undefined ? {} : { cachedAt: cachedAt + shift }),
      ...(sourceResponse === undefined ? {} : { sourceResponse: time(sourceResponse) }),
    };
  };
  const leg = (l: ExchangeLeg): ExchangeLeg => ({
    request: request(l.request),
    preflight:
      l.preflight === null
        ? null
        : l.preflight.kind === 'cache-hit'
          ? cacheHit(l.preflight)
          : { ...l.preflight, request: time(l.preflight.request), response: response(l.preflight.response) },
    response: response(l.response),
  });
  return { ...x, id, legs: x.legs.map(leg) };
}

function expectInvisible(exchanges: readonly ObservedExchange[]): void {
  expect(evaluateExchanges(exchanges, { now: NOW })).toEqual(exchanges.map((x) => evaluateExchange(x, { now: NOW })));
}

const RECORDED = ['test/fixtures/recorded', 'test/fixtures/har'];

describe('verdict memo', () => {
  it('is invisible over the recorded lab HARs, each exchange also seen again with another id, times and custom values', () => {
    let hits = 0;
    for (const dir of RECORDED) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.har'))) {
        const parsed = parseHarText(readFileSync(join(dir, file), 'utf8'));
        if (!parsed.ok) continue;
        const capture = readHarDocument(parsed.value);
        const base = withCookieEvidence(capture.exchanges, captureCookies(capture.exchanges, capture.recorder));
        const all = [
          ...base,
          ...base.map((x, i) => variant(x, `-${i}`, 1_000 * (i + 1), `again-${i}`)),
          ...base.map((x, i) => variant(x, 'TRACE', 1e9, `shifted-${i}`, true)),
        ];
        expectInvisible(all);
        hits += base.length;
      }
    }
    expect(hits).toBeGreaterThan(100);
  });

  it('is invisible over random exchanges and their variants', () => {
    const custom = fc.record({ name: fc.constantFrom('X-Request-Id', 'x-api-key', 'X-HTTP-Method-Override', 'x-method-override', 'X-'), value: fc.constantFrom('1', 'TRACE', 'GET', '', 'a"b') });
    const withCustom = fc.tuple(exchange, fc.array(custom, { maxLength: 3 })).map(([x, extra]) => ({
      ...x,
      legs: x.legs.map((l) => ({ ...l, request: { ...l.request, headers: [...extra, ...l.request.headers] } })),
    }));
    fc.assert(
      fc.property(withCustom, fc.string({ maxLength: 4 }), fc.integer({ min: -1e6, max: 1e6 }), (x, fill, shift) => {
        expectInvisible([x, variant(x, fill, shift, 'b'), variant(x, `${fill}z`, -shift, 'c'), variant(x, fill === '' ? 'TRACE' : '', 1e9, 'd', true)]);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('keys apart exchanges that differ in anything read', () => {
    const x = sanitizeExchange({ id: 'a', recorder: 'chromium', legs: [{ request: { url: 'http://a.test/', method: 'GET', headers: [{ name: 'X-Http-Method-Override', value: 'GET' }] }, preflight: null, response: null }], outcome: { kind: 'unknown' } });
    const other = sanitizeExchange({ ...x, legs: [{ ...x.legs[0], request: { url: 'http://a.test/', method: 'GET', headers: [{ name: 'X-Http-Method-Override', value: 'TRACE' }] } }] });
    expect(verdictKey(x, NOW)).not.toBe(verdictKey(other, NOW));
    expect(verdictKey(x, NOW)).toBe(verdictKey(sanitizeExchange({ ...x, id: 'b' }), NOW + 1));
  });
});
