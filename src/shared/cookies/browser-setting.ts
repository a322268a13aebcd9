/**
 * The third-party-cookie setting as the extension reads it from the browser's own API, instead of
 * inferring it from what was sent (world.ts):
 * - Chromium: `privacy.websites.thirdPartyCookiesAllowed` (a boolean `BrowserSetting`);
 * - Firefox: `privacy.websites.cookieConfig.behavior`, the `network.cookie.cookieBehavior` pref
 *   under a name (toolkit/components/extensions/parent/ext-privacy.js maps one to the other).
 * The raw values arrive untrusted (`unknown`) and are validated here.
 */
import type { BrowserName } from '../model/exchange.ts';
import type { ThirdPartyCookies } from './world.ts';

/** What an API said, in the engine's terms (`CaptureCookieOptions`). */
export type KnownCookieSetting =
  | { readonly browser: 'chromium'; readonly thirdPartyCookies: ThirdPartyCookies }
  | { readonly browser: 'firefox'; readonly cookieBehavior: 0 | 1 | 5 };

/**
 * Firefox's `cookieConfig.behavior` names and the `cookieBehavior` the engine models for each.
 * Null: a behavior the engine does not model (2 reject all, 3 allow visited, 4 reject trackers
 * only); the rows then fall back to Firefox's default, labelled so.
 */
const FIREFOX_BEHAVIORS: Readonly<Record<string, 0 | 1 | 5 | null>> = {
  allow_all: 0,
  reject_third_party: 1,
  reject_trackers_and_partition_foreign: 5,
  reject_all: null,
  allow_visited: null,
  reject_trackers: null,
};

const valueOf = (setting: unknown): unknown =>
  typeof setting === 'object' && setting !== null && 'value' in setting ? (setting as { value: unknown }).value : undefined;

/**
 * The setting from what `BrowserSetting.get({})` answered (`{ value, levelOfControl }`) in
 * `browser`; null when the answer is missing or not one the engine models.
 */
export function cookieSettingFromApi(browser: BrowserName, answer: unknown): KnownCookieSetting | null {
  const value = valueOf(answer);
  switch (browser) {
    case 'chromium':
      return typeof value === 'boolean' ? { browser, thirdPartyCookies: value ? 'allowed' : 'blocked' } : null;
    case 'firefox': {
      const behavior = typeof value === 'object' && value !== null && 'behavior' in value ? (value as { behavior: unknown }).behavior : undefined;
      const cookieBehavior = typeof behavior === 'string' && Object.hasOwn(FIREFOX_BEHAVIORS, behavior) ? FIREFOX_BEHAVIORS[behavior] : null;
      return cookieBehavior === null || cookieBehavior === undefined ? null : { browser, cookieBehavior };
    }
    default: {
      const never: never = browser;
      return never;
    }
  }
}

/** A `KnownCookieSetting` from untrusted data (a worker answer), or null. */
export function sanitizeCookieSetting(v: unknown): KnownCookieSetting | null {
  if (typeof v !== 'object' || v === null) return null;
  const b = v as Readonly<Record<string, unknown>>;
  if (b['browser'] === 'chromium' && (b['thirdPartyCookies'] === 'allowed' || b['thirdPartyCookies'] === 'blocked')) {
    return { browser: 'chromium', thirdPartyCookies: b['thirdPartyCookies'] };
  }
  const behavior = b['cookieBehavior'];
  if (b['browser'] === 'firefox' && (behavior === 0 || behavior === 1 || behavior === 5)) return { browser: 'firefox', cookieBehavior: behavior };
  return null;
}

/** The setting as `captureCookies` options, for a log recorded by the browser it was read from. */
export function captureOptionsOf(setting: KnownCookieSetting | null): { readonly thirdPartyCookies?: ThirdPartyCookies; readonly cookieBehavior?: 0 | 1 | 5 } {
  if (setting === null) return {};
  return setting.browser === 'chromium' ? { thirdPartyCookies: setting.thirdPartyCookies } : { cookieBehavior: setting.cookieBehavior };
}
