/**
 * The webRequest listeners: added for a tab when its first panel connects, removed when its last
 * panel leaves, each filtered to that tab (`RequestFilter.tabId`) and to the resource types that
 * can be CORS requests — so a tab nobody inspects costs nothing beyond holding the permission,
 * as DevTools records only while open.
 *
 * `extraHeaders` (Chrome only): without it Chrome hides CORS-preflights from webRequest, and the
 * `Origin`, `Cookie`, `Set-Cookie` and `Sec-Fetch-*` headers
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests).
 * Firefox rejects the option (not in its enum) and shows preflights and headers anyway. Each
 * `extraHeaders` listener makes Chrome route every request's headers through the browser process,
 * so only the two events that carry headers use it (`src/shared/capture/listeners.ts`).
 *
 * Hot path: a listener forwards `{ event, details }` to the sink and nothing else. Top-level
 * navigations (a `main_frame` response that is not a redirect) are reported separately.
 */
import type { BrowserName } from '../shared/model/exchange.ts';
import { CORS_RESOURCE_TYPES, listenerSpecs } from '../shared/capture/listeners.ts';
import type { RawWebRequestEvent } from '../shared/capture/raw-event.ts';
import type { RequestFilter, WebRequestEvent, WebRequestEvents } from '../platform/apis.ts';

export interface ObserverOptions {
  readonly browser: BrowserName;
  readonly events: WebRequestEvents;
  readonly sink: (raw: RawWebRequestEvent) => void;
  /** A top-level document response arrived in the tab (its log may need clearing). */
  readonly onNavigation: (tabId: number) => void;
}

interface Registration {
  readonly event: WebRequestEvent;
  readonly callback: (details: unknown) => void;
}

function isRedirectOrNoContent(details: unknown): boolean {
  const status = typeof details === 'object' && details !== null ? (details as { statusCode?: unknown }).statusCode : undefined;
  return typeof status !== 'number' || (status >= 300 && status < 400) || status === 204 || status === 205;
}

export class Observer {
  readonly #options: ObserverOptions;
  readonly #tabs = new Map<number, Registration[]>();

  constructor(options: ObserverOptions) {
    this.#options = options;
  }

  /** Tabs being recorded. */
  get watched(): number[] {
    return [...this.#tabs.keys()];
  }

  watch(tabId: number): void {
    if (this.#tabs.has(tabId)) return;
    const { events, sink, onNavigation } = this.#options;
    const registrations: Registration[] = [];
    const filter: RequestFilter = { urls: ['<all_urls>'], types: [...CORS_RESOURCE_TYPES], tabId };
    for (const spec of listenerSpecs(this.#options.browser)) {
      const name = spec.event;
      const callback = (details: unknown): void => sink({ event: name, details });
      // Firefox quirk: an extraInfoSpec argument on an event that takes none (onErrorOccurred)
      // throws, so it is passed only when non-empty.
      if (spec.extraInfoSpec.length > 0) events[name].addListener(callback, filter, [...spec.extraInfoSpec]);
      else events[name].addListener(callback, filter);
      registrations.push({ event: events[name], callback });
    }
    // Navigation: a main_frame response that commits (not a redirect, not 204/205). No headers
    // needed, so no extraHeaders.
    const navigation = (details: unknown): void => {
      if (!isRedirectOrNoContent(details)) onNavigation(tabId);
    };
    events.onHeadersReceived.addListener(navigation, { urls: ['<all_urls>'], types: ['main_frame'], tabId });
    registrations.push({ event: events.onHeadersReceived, callback: navigation });
    this.#tabs.set(tabId, registrations);
  }

  unwatch(tabId: number): void {
    const registrations = this.#tabs.get(tabId);
    if (registrations === undefined) return;
    for (const { event, callback } of registrations) event.removeListener(callback);
    this.#tabs.delete(tabId);
  }
}
