/**
 * Who made a request, as far as the browser told the capture: the page's document, one of its
 * frames, a dedicated worker, or a worker that belongs to no tab (a service worker or a shared
 * worker, which webRequest reports with `tabId` −1). Pure data, shown in the list's Initiator
 * column and filtered by `initiator:`.
 */

export type InitiatorKind =
  /** The tab's top-level document. */
  | 'page'
  /** A document in one of the tab's frames (its origin is the request's initiator). */
  | 'frame'
  /** A dedicated worker (classic or module) started by one of the tab's documents. */
  | 'worker'
  /** A service worker, known as one because its script was seen being fetched as `serviceworker`. */
  | 'service-worker'
  /** A shared worker, known as one because its script was seen being fetched as `sharedworker`. */
  | 'shared-worker'
  /**
   * A worker that belongs to no tab (`tabId` −1): a service worker or a shared worker, which
   * webRequest does not tell apart. Attributed to the inspected tabs with a document of its origin.
   */
  | 'service-or-shared-worker';

export const INITIATOR_KINDS: readonly InitiatorKind[] = ['page', 'frame', 'worker', 'service-worker', 'shared-worker', 'service-or-shared-worker'];

export interface RequestInitiator {
  readonly kind: InitiatorKind;
  /** The document's or worker's URL, when the browser named it (Firefox `originUrl`). */
  readonly url?: string;
  /**
   * Chromium quirk: a dedicated worker's requests carry its document's `tabId`, `frameId` and
   * `documentId`, so webRequest cannot tell them from the document's own. Set when that document
   * had started a dedicated worker, so `page`/`frame` may really be the worker.
   */
  readonly orDedicatedWorker?: true;
  /**
   * A tabless worker's request shown in more than one inspected tab: each has a document of the
   * worker's origin, and webRequest does not say which one the worker serves. The number of tabs.
   */
  readonly sharedByTabs?: number;
}
