/**
 * The webRequest listeners: added when a tab's first panel connects, removed when its last panel
 * leaves, filtered to the resource types that can be CORS requests — so the browser's requests
 * cost nothing while no panel is open, as DevTools records only while open.
 *
 * Which tab's requests reach a listener is `RequestFilter.tabId`, and each browser treats a
 * tabless worker's requests (a service or shared worker: `tabId` −1) differently (verified in
 * Chromium 156 and Firefox 153, `TABLESS_LISTENING`). Both get every inspected tab's requests and
 * the tabless ones while any panel is open; the tracker attributes the tabless ones
 * (src/shared/capture/initiators.ts).
 *
 * `extraHeaders` (Chrome only): without it Chrome hides CORS-preflights from webRequest, and the
 * `Origin`, `Cookie`, `Set-Cookie` and `Sec-Fetch-*` headers
 * (https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests).
 * Firefox rejects the option (not in its enum) and shows preflights and headers anyway. Each
 * `extraHeaders` listener makes Chrome route every request's headers through the browser process,
 * so only the two events that carry headers use it (`src/shared/capture/listeners.ts`).
 *
 * Hot path: a listener forwards `{ event, details }` to the sink and nothing else (in Chromium it
 * first drops the events of tabs nobody inspects). Documents arriving in an inspected tab (a
 * top-level navigation, a frame) are reported separately.
 */
import type { BrowserName } from '../shared/model/exchange.ts';
import { CORS_RESOURCE_TYPES, listenerSpecs } from '../shared/capture/listeners.ts';
import type { RawWebRequestEvent } from '../shared/capture/raw-event.ts';
import type { RequestFilter, WebRequestEvent, WebRequestEvents } from '../platform/apis.ts';

/**
 * How the capture reaches tabless requests:
 * - `per-tab`: a filter with `tabId: -1` matches exactly the requests of no tab (Firefox). Each
 *   inspected tab has its own listeners, and one more set listens to `tabId` −1 while any tab is
 *   inspected.
 * - `unfiltered`: `tabId: -1` is the "any tab" value (Chromium's default), so tabless requests can
 *   only be had with every tab's. One unfiltered set serves all inspected tabs and the tabless
 *   requests while any tab is inspected; the sink drops the events of other tabs. Chromium quirk
 *   with a cost: while any panel is open, every request of the browser takes the `extraHeaders` hop.
 */
const TABLESS_LISTENING: Readonly<Record<BrowserName, 'per-tab' | 'unfiltered'>> = {
  chromium: 'unfiltered',
  firefox: 'per-tab',
};

/** webRequest's `tabId` of requests that belong to no tab (service and shared workers, the browser). */
const NO_TAB = -1;

export interface ObserverOptions {
  readonly browser: BrowserName;
  readonly events: WebRequestEvents;
  readonly sink: (raw: RawWebRequestEvent) => void;
  /**
   * A document's response arrived in an inspected tab: the top-level one (a navigation: its log
   * may need clearing) or a frame's.
   */
  readonly onDocument: (tabId: number, url: string, topLevel: boolean) => void;
}

interface Registration {
  readonly event: WebRequestEvent;
  readonly callback: (details: unknown) => void;
}

function detailsOf(details: unknown): { statusCode?: unknown; url?: unknown; type?: unknown; tabId?: unknown } {
  return typeof details === 'object' && details !== null ? details : {};
}

/** A committed document: a response that is not a redirect and not 204/205 (which do not replace the document). */
function isDocument(status: unknown): boolean {
  return typeof status === 'number' && !(status >= 300 && status < 400) && status !== 204 && status !== 205;
}

export class Observer {
  readonly #options: ObserverOptions;
  readonly #listening: 'per-tab' | 'unfiltered';
  readonly #tabs = new Map<number, Registration[]>();
  /** The listeners shared by every inspected tab (tabless requests, or all of them), while any is. */
  #shared: Registration[] | null = null;

  constructor(options: ObserverOptions) {
    this.#options = options;
    this.#listening = TABLESS_LISTENING[options.browser];
  }

  /** Tabs being recorded. */
  get watched(): number[] {
    return [...this.#tabs.keys()];
  }

  watch(tabId: number): void {
    if (this.#tabs.has(tabId)) return;
    const registrations = this.#listening === 'per-tab' ? this.#capture(tabId, this.#options.sink) : [];
    registrations.push(this.#documents(tabId));
    this.#tabs.set(tabId, registrations);
    this.#shared ??= this.#capture(this.#listening === 'per-tab' ? NO_TAB : undefined, this.#sharedSink());
  }

  unwatch(tabId: number): void {
    const registrations = this.#tabs.get(tabId);
    if (registrations === undefined) return;
    remove(registrations);
    this.#tabs.delete(tabId);
    if (this.#tabs.size === 0 && this.#shared !== null) {
      remove(this.#shared);
      this.#shared = null;
    }
  }

  /** The capture listeners (`listenerSpecs`) for one tab, or for every request (`tabId` undefined). */
  #capture(tabId: number | undefined, sink: (raw: RawWebRequestEvent) => void): Registration[] {
    const { events, browser } = this.#options;
    const filter: RequestFilter = { urls: ['<all_urls>'], types: [...CORS_RESOURCE_TYPES], ...(tabId !== undefined ? { tabId } : {}) };
    return listenerSpecs(browser).map((spec) => {
      const name = spec.event;
      const callback = (details: unknown): void => sink({ event: name, details });
      // Firefox quirk: an extraInfoSpec argument on an event that takes none (onErrorOccurred)
      // throws, so it is passed only when non-empty.
      if (spec.extraInfoSpec.length > 0) events[name].addListener(callback, filter, [...spec.extraInfoSpec]);
      else events[name].addListener(callback, filter);
      return { event: events[name], callback };
    });
  }

  /** The sink of the shared listeners: unfiltered ones keep only inspected tabs and tabless requests. */
  #sharedSink(): (raw: RawWebRequestEvent) => void {
    const sink = this.#options.sink;
    if (this.#listening === 'per-tab') return sink;
    return (raw) => {
      const tabId = detailsOf(raw.details).tabId;
      if (tabId === NO_TAB || (typeof tabId === 'number' && this.#tabs.has(tabId))) sink(raw);
    };
  }

  /** Documents arriving in the tab: top-level and frame responses. No headers needed, so no extraHeaders. */
  #documents(tabId: number): Registration {
    const { events, onDocument } = this.#options;
    const callback = (raw: unknown): void => {
      const details = detailsOf(raw);
      if (!isDocument(details.statusCode) || typeof details.url !== 'string') return;
      onDocument(tabId, details.url, details.type === 'main_frame');
    };
    events.onHeadersReceived.addListener(callback, { urls: ['<all_urls>'], types: ['main_frame', 'sub_frame'], tabId });
    return { event: events.onHeadersReceived, callback };
  }
}

function remove(registrations: readonly Registration[]): void {
  for (const { event, callback } of registrations) event.removeListener(callback);
}
