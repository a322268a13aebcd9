/**
 * webRequest event details as they arrive (`unknown` at this boundary), read into one normalized
 * `CaptureEvent`. Recorded fixtures hold exactly these raw details, so a replay goes through the
 * same code as the live worker.
 *
 * Browser quirks handled here:
 * - Chrome names the requester in `initiator` (an origin, `"null"` when opaque); Firefox has no
 *   `initiator` but `originUrl` (the URL of the document or worker that made the request) and
 *   `documentUrl`, so the origin is derived from those.
 * - Header values may come as `binaryValue` (byte array) instead of `value`.
 */
import { originOf } from '../http/origin.ts';
import type { HttpHeader } from '../model/exchange.ts';
import { sharedHeaders } from './intern.ts';

/**
 * The webRequest events the capture consumes. `onBeforeRequest` only carries request bodies
 * (./request-body.ts); the others are read into `CaptureEvent`s.
 */
export type WebRequestEventName = 'onBeforeRequest' | 'onSendHeaders' | 'onHeadersReceived' | 'onCompleted' | 'onErrorOccurred';

/** One raw event as delivered to a listener (or stored in a fixture). */
export interface RawWebRequestEvent {
  readonly event: WebRequestEventName;
  readonly details: unknown;
}

export type CapturePhase = 'send' | 'headers' | 'completed' | 'error';

const PHASE_OF: Readonly<Record<Exclude<WebRequestEventName, 'onBeforeRequest'>, CapturePhase>> = {
  onSendHeaders: 'send',
  onHeadersReceived: 'headers',
  onCompleted: 'completed',
  onErrorOccurred: 'error',
};

export function isWebRequestEventName(name: unknown): name is WebRequestEventName {
  return typeof name === 'string' && (name === 'onBeforeRequest' || Object.hasOwn(PHASE_OF, name));
}

export interface CaptureEvent {
  readonly phase: CapturePhase;
  readonly requestId: string;
  readonly tabId: number;
  readonly frameId: number;
  readonly url: string;
  readonly method: string;
  /** webRequest resource type (`xmlhttprequest`, `script`, `main_frame`, …). */
  readonly type: string;
  /** `timeStamp`: ms since the epoch. */
  readonly time: number;
  /** The requester's origin, when the browser said (Chrome `initiator`, Firefox `originUrl`). */
  readonly initiatorOrigin: string | undefined;
  /**
   * The URL of the document or worker that made the request (Firefox `originUrl`; Chrome names
   * only the origin). Read for who made it (./initiators.ts).
   */
  readonly requesterUrl: string | undefined;
  /**
   * The requesting document's id (both browsers). Firefox quirk: absent on a worker's requests
   * (verified in Firefox 153 for dedicated, shared and service workers); Chrome gives a
   * dedicated worker's requests its document's id, and a tabless worker's none.
   */
  readonly documentId: string | undefined;
  /** Request headers (`send`) or response headers (`headers`, `completed`). */
  readonly headers: readonly HttpHeader[] | undefined;
  readonly status: number | undefined;
  readonly statusLine: string | undefined;
  readonly error: string | undefined;
}

type Details = Record<string, unknown>;

function str(d: Details, key: string): string | undefined {
  const v = d[key];
  return typeof v === 'string' ? v : undefined;
}

function num(d: Details, key: string): number | undefined {
  const v = d[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The requester's origin from raw details (Chrome `initiator`; Firefox `originUrl`/`documentUrl`). */
export function initiatorOriginOf(d: Details): string | undefined {
  const initiator = str(d, 'initiator');
  if (initiator !== undefined) return initiator;
  // Firefox quirk: no `initiator`; `originUrl` is the requesting document's or worker's URL.
  const originUrl = str(d, 'originUrl') ?? str(d, 'documentUrl');
  if (originUrl === undefined) return undefined;
  return originOf(originUrl) ?? 'null';
}

function headersOf(value: unknown): HttpHeader[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const headers: HttpHeader[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const h = item as Details;
    const name = h['name'];
    if (typeof name !== 'string') continue;
    const v = h['value'];
    if (typeof v === 'string') {
      headers.push(sharedHeaders.line(name, v));
    } else if (Array.isArray(h['binaryValue'])) {
      headers.push(sharedHeaders.line(name, String.fromCharCode(...(h['binaryValue'] as number[]))));
    }
  }
  return headers;
}

/** Reads raw details into a `CaptureEvent`; null when they lack what every event has (and for `onBeforeRequest`). */
export function readEvent(raw: RawWebRequestEvent): CaptureEvent | null {
  if (raw.event === 'onBeforeRequest') return null;
  const d = raw.details;
  if (typeof d !== 'object' || d === null) return null;
  const details = d as Details;
  const requestId = str(details, 'requestId');
  const url = str(details, 'url');
  const method = str(details, 'method');
  const tabId = num(details, 'tabId');
  const time = num(details, 'timeStamp');
  if (requestId === undefined || url === undefined || method === undefined || tabId === undefined || time === undefined) {
    return null;
  }
  const phase = PHASE_OF[raw.event];
  return {
    phase,
    requestId,
    tabId,
    frameId: num(details, 'frameId') ?? 0,
    url,
    method,
    type: str(details, 'type') ?? 'other',
    time,
    initiatorOrigin: initiatorOriginOf(details),
    requesterUrl: str(details, 'originUrl'),
    documentId: str(details, 'documentId'),
    headers: headersOf(phase === 'send' ? details['requestHeaders'] : details['responseHeaders']),
    status: num(details, 'statusCode'),
    statusLine: str(details, 'statusLine'),
    error: str(details, 'error'),
  };
}
