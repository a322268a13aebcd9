/**
 * Requests the browser makes for its own sake, which the page never sees as requests of its own:
 * the capture drops them instead of showing them as failures.
 *
 * Chromium's cache-aware font loading (Blink's ResourceLoader, "cache-aware loading" of web
 * fonts): a font is first asked of the HTTP cache alone; on a miss that request ends with
 * net::ERR_CACHE_MISS and Blink restarts the load from the network under a new requestId.
 * webRequest reports both, the probe with its full request headers and then only its error; CDP
 * and DevTools show one request (verified in Chromium 156: fixtures font-face-*, font-css-*,
 * null-origin-font-acao-page, one probe before every font). A cache-only request is never the
 * page's own for a cross-origin resource: fetch()'s `only-if-cached` is allowed only in mode
 * `same-origin` (https://fetch.spec.whatwg.org/#dom-request-cache), so the error marks a probe
 * whatever the resource type. Firefox 153 makes no such probe (the same fixtures: one request).
 */
import type { BrowserName } from '../model/exchange.ts';
import type { LegState } from './exchange-state.ts';
import type { CaptureEvent } from './raw-event.ts';

/** Errors that end a request the browser made for itself, per browser. */
const PROBE_ERRORS: Readonly<Record<BrowserName, ReadonlySet<string>>> = {
  chromium: new Set(['net::ERR_CACHE_MISS']),
  firefox: new Set(),
};

/**
 * Whether `e` ends an internal probe: a probe's error, before any response or preflight reached
 * the request (`leg` is the request's current leg, undefined when it was never seen).
 */
export function endsInternalProbe(browser: BrowserName, e: CaptureEvent, leg: LegState | undefined): boolean {
  if (e.phase !== 'error' || e.error === undefined || !PROBE_ERRORS[browser].has(e.error)) return false;
  return leg === undefined || (leg.response === null && leg.preflight === null);
}
