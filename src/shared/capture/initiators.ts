/**
 * Who made each request (`RequestInitiator`), and which inspected tabs a tabless worker's requests
 * belong to.
 *
 * What each browser's webRequest says, verified in Chromium 156 and Firefox 153 with the lab's
 * `labRunInWorker` (dedicated, module, shared and service workers) and `labRunInFrame`:
 *
 * | requester                  | Chromium                                        | Firefox                                        |
 * |----------------------------|-------------------------------------------------|------------------------------------------------|
 * | top-level document         | tab, frameId 0, documentId                      | tab, frameId 0, documentId, originUrl = page   |
 * | frame (also cross-origin)  | tab, frameId > 0, documentId                    | tab, frameId ≠ 0, documentId, originUrl = frame |
 * | dedicated / module worker  | same as its document (tab, frameId, documentId) | tab, frameId 0, no documentId, originUrl = script |
 * | shared worker              | tabId −1, frameId −1, initiator = origin        | tabId −1, frameId 0, originUrl = script        |
 * | service worker             | tabId −1, frameId −1, initiator = origin        | tabId −1, frameId 0, originUrl = script        |
 *
 * So a dedicated worker is named in Firefox only (`WORKERS_NAMED`), and a tabless worker's
 * request names no tab: it is attributed to every inspected tab with a document of its origin (a
 * service worker controls only same-origin clients, https://w3c.github.io/ServiceWorker/#dfn-service-worker-client;
 * a shared worker is shared by same-origin documents, https://html.spec.whatwg.org/multipage/workers.html#shared-workers-and-the-sharedworker-interface),
 * and says so when that is more than one tab. Which kind of tabless worker it is shows only from
 * its script's fetch (`Sec-Fetch-Dest: serviceworker` or `sharedworker`,
 * https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-dest-header), seen while recording,
 * and only Firefox names the script a request came from.
 */
import type { BrowserName } from '../model/exchange.ts';
import type { RequestInitiator } from '../model/initiator.ts';
import { getHeader } from '../http/headers.ts';
import { originOf } from '../http/origin.ts';
import type { Attribution } from './exchange-state.ts';
import type { CaptureEvent } from './raw-event.ts';

/** Whether a worker's requests name the worker (its script URL, no document). */
const WORKERS_NAMED: Readonly<Record<BrowserName, boolean>> = {
  // A dedicated worker's requests carry its document's ids; tabless ones only an origin.
  chromium: false,
  // `originUrl` is the worker's script, and `documentId` is absent.
  firefox: true,
};

/** Tabless worker kinds by the `Sec-Fetch-Dest` of their script's fetch. */
const TABLESS_DESTINATIONS: Readonly<Record<string, 'service-worker' | 'shared-worker'>> = {
  serviceworker: 'service-worker',
  sharedworker: 'shared-worker',
};

/** Beyond this many remembered worker scripts, the oldest are forgotten. */
const MAX_SCRIPTS = 1000;

const PAGE: RequestInitiator = { kind: 'page' };
const PAGE_OR_WORKER: RequestInitiator = { kind: 'page', orDedicatedWorker: true };

export class Initiators {
  readonly #namesWorkers: boolean;
  /** Inspected tab → the origins of its documents (top-level and frames) seen so far. */
  readonly #tabs = new Map<number, Set<string>>();
  /** `tab frameId` of documents seen starting a dedicated worker (Chromium's ambiguity). */
  readonly #workerStarters = new Set<string>();
  /** Worker script URL → its kind, from the script's fetch. */
  readonly #scripts = new Map<string, 'service-worker' | 'shared-worker'>();

  constructor(browser: BrowserName) {
    this.#namesWorkers = WORKERS_NAMED[browser];
  }

  /** The tab is inspected; `url` is its top-level document's, when known. */
  watch(tabId: number, url?: string): void {
    if (!this.#tabs.has(tabId)) this.#tabs.set(tabId, new Set());
    if (url !== undefined) this.document(tabId, url, true);
  }

  /** The tab is no longer inspected. */
  unwatch(tabId: number): void {
    this.#tabs.delete(tabId);
    this.#forgetStarters(tabId);
  }

  /** A document arrived in an inspected tab: top-level (a navigation: the tab starts afresh) or a frame's. */
  document(tabId: number, url: string, topLevel: boolean): void {
    const origins = this.#tabs.get(tabId);
    if (origins === undefined) return;
    if (topLevel) {
      origins.clear();
      this.#forgetStarters(tabId);
    }
    const origin = originOf(url);
    if (origin !== null && origin !== 'null') origins.add(origin);
  }

  /**
   * The first event of a request: learns the origins of the tab's documents from their requests
   * (frames loaded before recording started show up this way), and worker scripts from their fetches.
   */
  note(e: CaptureEvent): void {
    if (e.tabId >= 0 && e.initiatorOrigin !== undefined && e.initiatorOrigin !== 'null') this.#tabs.get(e.tabId)?.add(e.initiatorOrigin);
    if (e.type !== 'script' || e.phase !== 'send' || e.headers === undefined) return;
    const dest = getHeader(e.headers, 'sec-fetch-dest');
    if (dest === 'worker') {
      this.#workerStarters.add(`${e.tabId} ${e.frameId}`);
      return;
    }
    const kind = dest === null ? undefined : TABLESS_DESTINATIONS[dest];
    if (kind === undefined) return;
    if (this.#scripts.size >= MAX_SCRIPTS) this.#scripts.delete(this.#scripts.keys().next().value ?? '');
    this.#scripts.set(e.url, kind);
  }

  /** The inspected tabs with a document of `origin`, in ascending order. */
  tabsFor(origin: string): number[] {
    const tabs: number[] = [];
    for (const [tabId, origins] of this.#tabs) if (origins.has(origin)) tabs.push(tabId);
    return tabs.sort((a, b) => a - b);
  }

  /** Who made the request of `e`, and the inspected tabs it is shown in. */
  attributionOf(e: CaptureEvent): Attribution {
    const tabs = e.tabId >= 0 || e.initiatorOrigin === undefined ? [e.tabId] : this.tabsFor(e.initiatorOrigin);
    return { initiator: this.initiatorOf(e, tabs.length), tabs };
  }

  /** Who made the request of event `e`, attributed to `tabCount` tabs. */
  initiatorOf(e: CaptureEvent, tabCount: number): RequestInitiator {
    const url = this.#namesWorkers ? e.requesterUrl : undefined;
    if (e.tabId < 0) {
      const kind = (url !== undefined ? this.#scripts.get(url) : undefined) ?? 'service-or-shared-worker';
      return { kind, ...(url !== undefined ? { url } : {}), ...(tabCount > 1 ? { sharedByTabs: tabCount } : {}) };
    }
    if (this.#namesWorkers && e.documentId === undefined && url !== undefined) return { kind: 'worker', url };
    const orWorker = !this.#namesWorkers && this.#workerStarters.size > 0 && this.#workerStarters.has(`${e.tabId} ${e.frameId}`);
    if (e.frameId !== 0) return { kind: 'frame', ...(url !== undefined ? { url } : {}), ...(orWorker ? { orDedicatedWorker: true } : {}) };
    return orWorker ? PAGE_OR_WORKER : PAGE;
  }

  #forgetStarters(tabId: number): void {
    const prefix = `${tabId} `;
    for (const key of this.#workerStarters) if (key.startsWith(prefix)) this.#workerStarters.delete(key);
  }
}
