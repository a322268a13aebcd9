/**
 * Per-browser CORS-preflight cache lifetime (https://fetch.spec.whatwg.org/#cors-preflight-cache),
 * from the evaluator (`chromiumMaxAge`, `firefoxMaxAge`).
 */
import type { BrowserName } from '../model/exchange.ts';
import { chromiumMaxAge, firefoxMaxAge } from '../cors/index.ts';

/** Seconds an entry created with this `Access-Control-Max-Age` lives in `browser`; 0 = not cached. */
export function preflightLifetimeSeconds(browser: BrowserName, maxAgeHeader: string | null): number {
  return (browser === 'chromium' ? chromiumMaxAge(maxAgeHeader) : firefoxMaxAge(maxAgeHeader)).seconds;
}

/**
 * The `Access-Control-Max-Age` value the server sent, as an integer; null when absent or not an
 * integer (https://fetch.spec.whatwg.org/#http-access-control-max-age: `delta-seconds`).
 */
export function parseMaxAgeSeconds(value: string | null): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (!/^[+-]?\d{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
}
