/**
 * Which webRequest events the worker listens to, with which `extraInfoSpec`, per browser. Plain
 * data shared by the worker's observer and by `scripts/record-webrequest.ts`, so the recorded
 * fixtures see exactly what the worker sees.
 *
 * Chrome quirk: a listener sees CORS-preflights, and the `Origin`, `Cookie`, `Set-Cookie` and
 * `Sec-Fetch-*` headers, only with `extraHeaders`
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests,
 * "extraHeaders"), and each `extraHeaders` listener costs every request a synchronous hop
 * through the browser process (issue 4's table: 1 listener 1.40×, 3 listeners 1.52×). So only the
 * two events that carry headers take it; completion and errors come through plain listeners,
 * which still see the actual requests' ends (a preflight's own end is then invisible, which the
 * capture does not need: its response headers already arrived).
 * Firefox quirk: `extraHeaders` is not in its enum (the call throws); it shows preflights and all
 * headers anyway.
 */
import type { BrowserName } from '../model/exchange.ts';
import type { WebRequestEventName } from './raw-event.ts';

export interface ListenerSpec {
  readonly event: WebRequestEventName;
  readonly extraInfoSpec: readonly string[];
}

/** Resource types that can be CORS requests (or their preflights); navigations are not. */
export const CORS_RESOURCE_TYPES = ['xmlhttprequest', 'script', 'stylesheet', 'image', 'font', 'media', 'other'] as const;

/** The listeners to add in `browser`: the same events everywhere, `extraHeaders` in Chromium only. */
export function listenerSpecs(browser: BrowserName): readonly ListenerSpec[] {
  const extra = browser === 'chromium' ? ['extraHeaders'] : [];
  return [
    // Request bodies, for the copied commands (./request-body.ts); no headers, so no extraHeaders.
    { event: 'onBeforeRequest', extraInfoSpec: ['requestBody'] },
    { event: 'onSendHeaders', extraInfoSpec: ['requestHeaders', ...extra] },
    { event: 'onHeadersReceived', extraInfoSpec: ['responseHeaders', ...extra] },
    { event: 'onCompleted', extraInfoSpec: [] },
    { event: 'onErrorOccurred', extraInfoSpec: [] },
  ];
}
