/**
 * A capture in which no hop shows a cookie skips the jar simulation (`withoutCookies` in
 * capture.ts). Its answer must be the simulation's: each recorded lab HAR, stripped of its
 * cookies, is read once as it is (the short path) and once with one more exchange at its end that
 * carries a `Cookie` header (the simulation runs; a last request cannot change what came before
 * it, and an empty jar gives it nothing to predict), under every recorder and setting option.
 */
// eslint-disable-next-line no-restricted-imports -- the test reads fixtures; the modules under test stay pure
import { readFileSync, readdirSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- as above
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObservedExchange, Recorder } from '../model/exchange.ts';
import { parseHarText } from '../har/validate.ts';
import { readHarDocument } from '../har/read-har.ts';
import { captureCookies, type CaptureCookieOptions } from './capture.ts';

const RECORDED = ['test/fixtures/recorded', 'test/fixtures/har'];
const COOKIE = /^(cookie|set-cookie)$/i;

function withoutCookies(x: ObservedExchange): ObservedExchange {
  return {
    ...x,
    legs: x.legs.map(({ browserJar: _jar, ...leg }) => ({
      ...leg,
      request: { ...leg.request, headers: leg.request.headers.filter((h) => !COOKIE.test(h.name)) },
      response: leg.response === null ? null : { ...leg.response, headers: leg.response.headers.filter((h) => !COOKIE.test(h.name)) },
    })),
  };
}

/** A last request with a Cookie header, after everything else. */
function lastWithCookie(after: readonly ObservedExchange[]): ObservedExchange {
  const at = Math.max(0, ...after.flatMap((x) => x.legs.map((l) => l.response?.receivedAt ?? l.request.startedAt ?? 0))) + 1_000;
  return {
    id: 'last-with-cookie',
    recorder: 'chromium',
    initiatorOrigin: 'http://localhost:8080',
    topLevelUrl: 'http://localhost:8080/',
    legs: [
      {
        request: { method: 'GET', url: 'http://127.0.0.1:9/last', headers: [{ name: 'Origin', value: 'http://localhost:8080' }, { name: 'Cookie', value: 'a=1' }], startedAt: at },
        preflight: null,
        response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: 'http://localhost:8080' }], receivedAt: at + 1 },
      },
    ],
    outcome: { kind: 'succeeded' },
  };
}

function captures(): { file: string; exchanges: ObservedExchange[] }[] {
  return RECORDED.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.har'))
      .flatMap((file) => {
        const parsed = parseHarText(readFileSync(join(dir, file), 'utf8'));
        return parsed.ok ? [{ file, exchanges: readHarDocument(parsed.value).exchanges.map(withoutCookies) }] : [];
      }),
  );
}

describe('a capture without cookies', () => {
  const all = captures();
  const settled = (xs: readonly ObservedExchange[]): Map<string, boolean> => new Map(xs.map((x, i) => [x.id, i % 2 === 0]));
  const cases: { name: string; recorder: Recorder; options: (xs: readonly ObservedExchange[]) => CaptureCookieOptions }[] = [
    { name: 'Chromium, setting unknown', recorder: 'chromium', options: () => ({}) },
    { name: 'Chromium, third-party cookies allowed', recorder: 'chromium', options: () => ({ thirdPartyCookies: 'allowed' }) },
    { name: 'Chromium, settled credentials', recorder: 'chromium', options: (xs) => ({ credentials: settled(xs) }) },
    { name: 'Firefox, default behavior', recorder: 'firefox', options: () => ({}) },
    { name: 'Firefox, cookieBehavior 0', recorder: 'firefox', options: () => ({ cookieBehavior: 0 }) },
  ];

  it('covers the recorded HARs', () => {
    expect(all.reduce((n, c) => n + c.exchanges.length, 0)).toBeGreaterThan(100);
  });

  it.each(cases)('gives what the simulation gives: $name', ({ recorder, options }) => {
    for (const { file, exchanges } of all) {
      const short = captureCookies(exchanges, recorder, options(exchanges));
      const simulated = captureCookies([...exchanges, lastWithCookie(exchanges)], recorder, options(exchanges));
      expect(short.setting, file).toEqual(simulated.setting);
      for (const x of exchanges) expect(short.byExchange.get(x.id), `${file} ${x.id}`).toEqual(simulated.byExchange.get(x.id));
    }
  });
});
