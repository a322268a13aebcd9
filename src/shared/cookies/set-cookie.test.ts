import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCookieDate, parseSetCookieLine } from './set-cookie.ts';

describe('parseSetCookieLine', () => {
  it.each([
    // name and value: split at the first "=", WSP trimmed
    ['a=1', { name: 'a', value: '1' }],
    ['  a = b=c ; Path=/', { name: 'a', value: 'b=c', path: '/' }],
    ['spaced = padded value ', { name: 'spaced', value: 'padded value' }],
    // no "=": an empty name (Chromium and the spec; Firefox swaps, see context.ts)
    ['abc; Path=/x', { name: '', value: 'abc', path: '/x' }],
    // attributes: case-insensitive, last wins, unknown ignored
    ['a=1; sAmEsItE=lax; SECURE; HttpOnly; Partitioned', { sameSite: 'Lax', secure: true, httpOnly: true, partitioned: true }],
    ['a=1; SameSite=Strict; SameSite=None', { sameSite: 'None' }],
    ['a=1; SameSite=Sometimes', { sameSite: 'Unspecified', sameSiteInvalid: true }],
    // Chromium's Priority: case-insensitive, Medium when absent or unknown
    ['a=1', { priority: 'Medium' }],
    ['a=1; priority=HIGH', { priority: 'High' }],
    ['a=1; Priority=Low; Priority=urgent', { priority: 'Medium' }],
    ['a=1; Domain=.Example.COM', { domain: 'example.com' }],
    ['a=1; Domain=', { domain: null }],
    ['a=1; Path=relative', { path: null }],
    ['a=1; Max-Age=0', { maxAgeSeconds: 0 }],
    ['a=1; Max-Age=-5', { maxAgeSeconds: -5 }],
    ['a=1; Max-Age=5s', { maxAgeSeconds: null }],
    ['a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT', { expires: 0 }],
    [`a=1; Path=/${'p'.repeat(1100)}`, { path: null }],
  ] as const)('%s', (line, want) => {
    const r = parseSetCookieLine(line);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.cookie).toMatchObject(want);
  });

  it.each([
    // Chromium's CDP names for a line it ignores whole
    ['; Path=/', 'NoCookieContent'],
    ['=', 'NoCookieContent'],
    [`big=${'x'.repeat(4094)}`, 'NameValuePairExceedsMaxSize'],
    ['a=1\u0001', 'DisallowedCharacter'],
    ['a=\u007f', 'DisallowedCharacter'],
  ] as const)('ignores %j: %s', (line, problem) => {
    expect(parseSetCookieLine(line)).toMatchObject({ ok: false, problem });
  });

  it('keeps a tab (HTAB is not a disallowed control)', () => {
    expect(parseSetCookieLine('a=1\t2').ok).toBe(true);
  });

  // separators, controls, Latin-1 and beyond (fc's 'binary' unit is too slow to generate here)
  const CHAR = fc.oneof(fc.constantFrom(';', '=', ' ', '\t', '"', ',', '.', '-', '/'), fc.integer({ min: 0, max: 0x17f }).map((c) => String.fromCharCode(c)), fc.constantFrom('é', '😀', '\ud800'));

  it('never throws, whatever the line', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.string({ unit: CHAR, maxLength: 120 }), (line) => {
        const r = parseSetCookieLine(line);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '=', ';', ' ', 'Max-Age', 'Expires', 'Domain', 'Path', '-', '1', '.', '\t', 'SameSite', ','), { maxLength: 40 }), (parts) => {
        expect(() => parseSetCookieLine(parts.join(''))).not.toThrow();
      }),
    );
  });
});

describe('parseCookieDate', () => {
  it.each([
    ['Thu, 01 Jan 1970 00:00:00 GMT', 0],
    ['Sun, 06 Nov 1994 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Sunday, 06-Nov-94 08:49:37 GMT', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['Sun Nov  6 08:49:37 1994', Date.UTC(1994, 10, 6, 8, 49, 37)],
    ['06 Nov 2030 08:49:37', Date.UTC(2030, 10, 6, 8, 49, 37)],
    ['Nov 30 69 00:00:00', Date.UTC(2069, 10, 30)],
    ['Feb 30 2030 00:00:00', null],
    ['Nov 6 1994', null],
    ['06 Nov 1994 25:00:00', null],
    ['', null],
  ] as const)('%s', (text, want) => {
    expect(parseCookieDate(text)).toBe(want);
  });
});
