import { describe, expect, it } from 'vitest';
import { captureOptionsOf, cookieSettingFromApi, sanitizeCookieSetting } from './browser-setting.ts';

describe('cookieSettingFromApi', () => {
  it.each([
    ['chromium', { value: true, levelOfControl: 'controllable_by_this_extension' }, { browser: 'chromium', thirdPartyCookies: 'allowed' }],
    ['chromium', { value: false, levelOfControl: 'controllable_by_this_extension' }, { browser: 'chromium', thirdPartyCookies: 'blocked' }],
    ['chromium', { value: 'yes' }, null],
    ['chromium', undefined, null],
    ['firefox', { value: { behavior: 'reject_trackers_and_partition_foreign', nonPersistentCookies: false } }, { browser: 'firefox', cookieBehavior: 5 }],
    ['firefox', { value: { behavior: 'allow_all' } }, { browser: 'firefox', cookieBehavior: 0 }],
    ['firefox', { value: { behavior: 'reject_third_party' } }, { browser: 'firefox', cookieBehavior: 1 }],
    ['firefox', { value: { behavior: 'reject_trackers' } }, null],
    ['firefox', { value: { behavior: 'toString' } }, null],
    ['firefox', { value: true }, null],
    // behaviors the engine does not model (2 reject all, 3 allow visited): no setting, the rows fall back and say so
    ['firefox', { value: { behavior: 'reject_all' } }, null],
    ['firefox', { value: { behavior: 'allow_visited' } }, null],
    // private browsing's flag does not change the behavior
    ['firefox', { value: { behavior: 'reject_trackers_and_partition_foreign', nonPersistentCookies: true }, levelOfControl: 'controllable_by_this_extension' }, { browser: 'firefox', cookieBehavior: 5 }],
    ['firefox', { value: { behavior: 5 } }, null],
    ['firefox', { value: { nonPersistentCookies: false } }, null],
    ['firefox', { value: null }, null],
    ['firefox', {}, null],
    ['firefox', null, null],
  ] as const)('%s %j', (browser, answer, expected) => {
    expect(cookieSettingFromApi(browser, answer)).toEqual(expected);
  });
});

describe('sanitizeCookieSetting', () => {
  it.each([
    [{ browser: 'chromium', thirdPartyCookies: 'allowed' }, { browser: 'chromium', thirdPartyCookies: 'allowed' }],
    [{ browser: 'firefox', cookieBehavior: 1 }, { browser: 'firefox', cookieBehavior: 1 }],
    [{ browser: 'firefox', cookieBehavior: 4 }, null],
    [{ browser: 'chromium', thirdPartyCookies: true }, null],
    [null, null],
    ['chromium', null],
  ])('%j', (input, expected) => {
    expect(sanitizeCookieSetting(input)).toEqual(expected);
  });
});

describe('captureOptionsOf', () => {
  it('gives the engine the field of the browser it was read from', () => {
    expect(captureOptionsOf({ browser: 'chromium', thirdPartyCookies: 'blocked' })).toEqual({ thirdPartyCookies: 'blocked' });
    expect(captureOptionsOf({ browser: 'firefox', cookieBehavior: 0 })).toEqual({ cookieBehavior: 0 });
    expect(captureOptionsOf(null)).toEqual({});
  });
});
