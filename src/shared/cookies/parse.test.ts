import { describe, expect, it } from 'vitest';
import { parseCookieHeader } from './parse.ts';

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
