import { describe, expect, it } from 'vitest';
import { cookieAttribute, parseCookieHeader, parseSetCookie } from './parse.ts';

describe('parseCookieHeader', () => {
  it('splits pairs and trims', () => {
    expect(parseCookieHeader('a=1; b = two;c=')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two' },
      { name: 'c', value: '' },
    ]);
  });
  it('keeps a value with "=" in it whole and treats a bare token as a nameless cookie', () => {
    expect(parseCookieHeader('tok=a=b; bare')).toEqual([
      { name: 'tok', value: 'a=b' },
      { name: '', value: 'bare' },
    ]);
  });
});

describe('parseSetCookie', () => {
  it('reads name, value and attributes with canonical names', () => {
    const c = parseSetCookie('sid=abc; path=/; SECURE; samesite=None; Max-Age=60; Partitioned');
    expect(c).toEqual({
      name: 'sid',
      value: 'abc',
      raw: 'sid=abc; path=/; SECURE; samesite=None; Max-Age=60; Partitioned',
      attributes: [
        { name: 'Path', value: '/' },
        { name: 'Secure', value: null },
        { name: 'SameSite', value: 'None' },
        { name: 'Max-Age', value: '60' },
        { name: 'Partitioned', value: null },
      ],
    });
    expect(cookieAttribute(c!, 'samesite')).toBe('None');
    expect(cookieAttribute(c!, 'secure')).toBeNull();
    expect(cookieAttribute(c!, 'domain')).toBeUndefined();
  });
  it('returns null for an empty line and keeps unknown attributes as written', () => {
    expect(parseSetCookie('  ')).toBeNull();
    expect(parseSetCookie('x=1; Foo=bar')?.attributes).toEqual([{ name: 'Foo', value: 'bar' }]);
  });
  it('the last duplicate attribute wins', () => {
    expect(cookieAttribute(parseSetCookie('x=1; SameSite=Lax; SameSite=Strict')!, 'SameSite')).toBe('Strict');
  });
});
