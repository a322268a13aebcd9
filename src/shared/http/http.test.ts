import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byteLength } from './safelist.ts';
import { asciiLower, asciiUpper, countHeaderLines, getHeader, headerValues, hasHeader, normalizeValue, sanitizeHeaders } from './headers.ts';
import { parseTokenList, splitList } from './list.ts';
import { maxAgeSeconds, parseMaxAge } from './max-age.ts';
import { mimeEssence } from './mime.ts';
import { includesCredentials, isHttpScheme, isParsableUrl, isTupleOrigin, originOf, resolveUrl, sameOrigin, sameSite } from './origin.ts';
import { isRedirect, judgeLocation, judgeRedirect, locationUrl } from './redirect.ts';
import { isOkStatus, isRedirectStatus } from './status.ts';
import { splitUrl } from './url.ts';
import { parseSingleRange } from './range.ts';
import { isToken } from './token.ts';

const hs = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));

describe('header list', () => {
  // https://fetch.spec.whatwg.org/#concept-header-list-get: case-insensitive, combined with ", ".
  it('get combines duplicates in order', () => {
    const list = hs([['A', '1'], ['b', '2'], ['a', ' 3 ']]);
    expect(getHeader(list, 'a')).toBe('1, 3');
    expect(headerValues(list, 'A')).toEqual(['1', '3']);
    expect(countHeaderLines(list, 'a')).toBe(2);
    expect(getHeader(list, 'c')).toBeNull();
    expect(getHeader(hs([['x', '']]), 'x')).toBe('');
  });

  it('normalizes HTTP whitespace only', () => {
    expect(normalizeValue(' \t a b \r\n')).toBe('a b');
    expect(normalizeValue('\u00a0a')).toBe('\u00a0a');
  });

  it('sanitizes arbitrary input', () => {
    expect(sanitizeHeaders([{ name: 'a', value: 1 }, null, { value: 'x' }, 'x', { name: 'b' }])).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '' },
    ]);
    expect(sanitizeHeaders('nope')).toEqual([]);
  });
});

describe('token lists (https://fetch.spec.whatwg.org/#extract-header-list-values)', () => {
  it('splits lines and commas, skipping empty items', () => {
    expect(parseTokenList(hs([['ACAM', 'GET,,PUT'], ['acam', ' DELETE ']]), 'acam')).toEqual({ ok: true, items: ['GET', 'PUT', 'DELETE'] });
  });
  it('absent is null, invalid names the item', () => {
    expect(parseTokenList([], 'acam')).toBeNull();
    expect(parseTokenList(hs([['acam', 'GET, PUT PATCH']]), 'acam')).toEqual({ ok: false, invalid: 'PUT PATCH', items: ['GET'] });
  });
  it('tokens', () => {
    expect(isToken("!#$%&'*+-.^_`|~09azAZ")).toBe(true);
    for (const bad of ['', 'a b', 'a;', '"a"', 'é', 'a/b']) expect(isToken(bad)).toBe(false);
  });
});

describe('comma-separated values', () => {
  it.each([
    [null, []],
    ['', []],
    ['a', ['a']],
    [' X-A ,, x-b\t,', ['X-A', 'x-b']],
    ['GET,PUT', ['GET', 'PUT']],
  ] as const)('%j', (value, items) => {
    expect(splitList(value)).toEqual(items);
  });
});

describe('Access-Control-Max-Age (https://fetch.spec.whatwg.org/#http-access-control-max-age)', () => {
  it.each([
    [null, null, null],
    ['60', { sign: '', digits: '60' }, 60],
    ['+60', { sign: '+', digits: '60' }, 60],
    ['-1', { sign: '-', digits: '1' }, -1],
    ['007', { sign: '', digits: '007' }, 7],
    ['60abc', null, null],
    ['60.5', null, null],
    ['60, 60', null, null],
    ['', null, null],
    ['1234567890123456', { sign: '', digits: '1234567890123456' }, null],
  ] as const)('%j', (raw, parsed, seconds) => {
    expect(parseMaxAge(raw)).toEqual(parsed);
    expect(maxAgeSeconds(raw)).toBe(seconds);
  });
});

describe('statuses and redirects (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch)', () => {
  it('status classes', () => {
    expect([199, 200, 204, 299, 300].map(isOkStatus)).toEqual([false, true, true, true, false]);
    expect([300, 301, 302, 303, 304, 305, 306, 307, 308, 309].filter(isRedirectStatus)).toEqual([301, 302, 303, 307, 308]);
  });
  it('a redirect needs a Location', () => {
    expect(isRedirect({ status: 302, headers: hs([['Location', '/x']]) })).toBe(true);
    expect(isRedirect({ status: 302, headers: [] })).toBe(false);
    expect(isRedirect({ status: 304, headers: hs([['Location', '/x']]) })).toBe(false);
    expect(locationUrl({ status: 302, headers: hs([['location', ' /x#f ']]) }, 'http://a.test/b')).toBe('http://a.test/x#f');
    expect(locationUrl({ status: 302, headers: [] }, 'http://a.test/b')).toBeNull();
  });
  it.each([
    ['http://a.test/x', 'http://a.test', false, null],
    ['http://b.test/x', 'http://a.test', true, null],
    ['http://u:p@b.test/x', 'http://a.test', true, 'includes-credentials'],
    ['http://u@a.test/x', 'http://a.test', false, 'includes-credentials'],
    ['ftp://b.test/x', 'http://a.test', true, 'non-http-scheme'],
    ['data:,x', 'http://a.test', true, 'non-http-scheme'],
    ['http://a.test/x', 'null', true, null],
    ['http://a.test/x', null, true, null],
    ['::bad', 'http://a.test', true, 'non-http-scheme'],
  ] as const)('%s from %s', (url, origin, leavesOrigin, refusal) => {
    expect(judgeLocation(url, origin)).toEqual({ url, leavesOrigin, refusal });
  });
  it('judges a response only when it is a redirect', () => {
    expect(judgeRedirect({ status: 307, headers: hs([['Location', 'http://u:p@b.test/']]) }, 'http://a.test/', 'http://a.test')).toEqual({
      url: 'http://u:p@b.test/',
      leavesOrigin: true,
      refusal: 'includes-credentials',
    });
    expect(judgeRedirect({ status: 200, headers: hs([['Location', 'http://b.test/']]) }, 'http://a.test/', 'http://a.test')).toBeNull();
  });
});

describe('URL splits', () => {
  it.each([
    ['http://Api.Test:8080/a/b?c#d', 'http://api.test:8080', '/a/b?c#d'],
    ['http://x.test', 'http://x.test', '/'],
    ['http://x.test?q', 'http://x.test', '/?q'],
    ['data:,x', '', 'data:,x'],
  ])('%s', (url, origin, path) => {
    expect(splitUrl(url)).toEqual({ origin, path });
  });
});

describe('MIME essence (https://mimesniff.spec.whatwg.org/#parse-a-mime-type)', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['Text/Plain ; charset=utf-8', 'text/plain'],
    ['multipart/form-data; boundary="a b"', 'multipart/form-data'],
    ['text', null],
    ['/plain', null],
    ['text/', null],
    ['text/plain, text/plain', null],
    ['te xt/plain', null],
  ])('%s', (input, essence) => {
    expect(mimeEssence(input)).toBe(essence);
  });
});

describe('simple range (https://fetch.spec.whatwg.org/#simple-range-header-value)', () => {
  it.each([
    ['bytes=0-', { start: 0, end: null }],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=-5', { start: null, end: 5 }],
    ['bytes=5-1', null],
    ['bytes = 0-1', null],
    ['bytes=0-1,2-3', null],
    ['items=0-1', null],
    ['bytes=-', null],
  ])('%s', (input, range) => {
    expect(parseSingleRange(input)).toEqual(range);
  });
});

describe('origins', () => {
  it('serializes origins from URLs', () => {
    expect(originOf('http://Example.COM:80/a?b')).toBe('http://example.com');
    expect(originOf('https://x.test:8443/')).toBe('https://x.test:8443');
    expect(originOf('data:text/plain,hi')).toBe('null');
    expect(originOf('not a url')).toBeNull();
  });
  it('schemes, credentials, same-origin, same-site', () => {
    expect(isHttpScheme('ftp://x/')).toBe(false);
    expect(includesCredentials('http://u:p@x/')).toBe(true);
    expect(includesCredentials('http://x/')).toBe(false);
    expect(sameOrigin('null', 'null')).toBe(false);
    expect([null, 'null', 'http://x'].map(isTupleOrigin)).toEqual([false, false, true]);
    expect(sameSite('https://a.example.com', 'https://b.example.com')).toBe(true);
    expect(sameSite('http://a.example.com', 'https://a.example.com')).toBe(false);
    expect(isParsableUrl('foo')).toBe(false);
    expect(isParsableUrl('HTTP://LOCALHOST:1')).toBe(true);
    expect(resolveUrl('/b', 'http://x/a')).toBe('http://x/b');
    expect(resolveUrl('/b', 'nope')).toBe('/b');
  });
});

// The hot-path helpers are hand-written loops; these properties pin them to the plain definitions
// they replace (regex replace, lower-casing both names, TextEncoder).
describe('header helpers match their reference definitions', () => {
  const units = fc.array(fc.constantFrom('a', 'Z', 'k', '-', ' ', '\t', '\r', '\n', 'é', 'İ', 'K', '\u212a', '😀', '\ud800', '\udc00', '0'), { maxLength: 12 }).map((cs) => cs.join(''));

  it('asciiLower and asciiUpper change A–Z / a–z only', () => {
    fc.assert(
      fc.property(units, (s) => {
        expect(asciiLower(s)).toBe(s.replace(/[A-Z]/g, (c) => c.toLowerCase()));
        expect(asciiUpper(s)).toBe(s.replace(/[a-z]/g, (c) => c.toUpperCase()));
      }),
    );
  });

  it('normalizeValue strips leading and trailing HTTP whitespace', () => {
    fc.assert(
      fc.property(units, (s) => {
        expect(normalizeValue(s)).toBe(s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ''));
      }),
    );
  });

  it('get and has compare names as asciiLower does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(units, units), { maxLength: 6 }), units, (pairs, name) => {
        const list = hs(pairs);
        const same = list.filter((h) => asciiLower(h.name) === asciiLower(name));
        expect(getHeader(list, name)).toBe(same.length === 0 ? null : same.map((h) => normalizeValue(h.value)).join(', '));
        expect(hasHeader(list, name)).toBe(same.length > 0);
        expect(countHeaderLines(list, name)).toBe(same.length);
      }),
    );
  });

  it('byteLength is the UTF-8 length TextEncoder produces', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(units, (s) => {
        expect(byteLength(s)).toBe(encoder.encode(s).length);
      }),
    );
  });
});
