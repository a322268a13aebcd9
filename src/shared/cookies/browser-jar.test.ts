import { describe, expect, it } from 'vitest';
import { browserJarFacts } from './browser-jar.ts';

/** A `cookies.Cookie` as the API answers it (Chrome's shape; Firefox's has no `hasCrossSiteAncestor`). */
const apiCookie = (name: string, value: string, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  name, value, domain: 'localhost', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'lax', session: true, storeId: '0', ...more,
});

describe('browserJarFacts', () => {
  it.each([
    ['the jar holds the line\'s name and value', [apiCookie('a', '1')], ['a=1; Path=/'], [true]],
    ['the jar holds the name with another value (an older cookie)', [apiCookie('a', '0')], ['a=1; Path=/'], [false]],
    ['the jar holds nothing', [], ['a=1', 'b=2'], [false, false]],
    ['a nameless line (Chromium: empty name)', [apiCookie('', 'x')], ['x'], [true]],
  ] as const)('stored: %s', (_, jar, lines, stored) => {
    expect(browserJarFacts(jar, null, lines).stored).toEqual(stored);
  });

  it('unsent: the matching cookies the Cookie header did not carry, without their values', () => {
    const facts = browserJarFacts(
      [apiCookie('sent', 's'), apiCookie('kept', 'secret', { sameSite: 'strict', expirationDate: 2_000_000_000, partitionKey: { topLevelSite: 'http://localhost', hasCrossSiteAncestor: true } })],
      'sent=s',
      [],
    );
    expect(facts.unsent).toEqual([
      { name: 'kept', domain: 'localhost', hostOnly: true, path: '/', secure: false, httpOnly: false, sameSite: 'Strict', topLevelSite: 'http://localhost', crossSiteAncestor: true, expiresAt: 2_000_000_000_000 },
    ]);
    expect(JSON.stringify(facts)).not.toContain('secret');
  });

  it.each([
    ['not an array', { name: 'a' }],
    ['entries without a name or value', [{ value: '1' }, { name: 'a' }, null, 3]],
  ])('an answer that is %s reads as an empty jar', (_, answer) => {
    expect(browserJarFacts(answer, null, ['a=1'])).toEqual({ stored: [false], unsent: [] });
  });

  it.each([
    ['no_restriction', 'None'],
    ['unspecified', 'Unspecified'],
    ['something-new', 'Unspecified'],
  ])('sameSite %s reads as %s', (api, engine) => {
    expect(browserJarFacts([apiCookie('a', '1', { sameSite: api, domain: '.localhost', hostOnly: false })], null, []).unsent[0]).toMatchObject({ sameSite: engine, domain: 'localhost', hostOnly: false });
  });
});
