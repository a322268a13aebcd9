/**
 * One HAR entry → the evaluator's request/response shapes.
 */
import type { HttpHeader, ObservedRequest, ObservedResponse, RequestBody, RequestMode } from '../model/exchange.ts';
import { getHeader, hasHeader } from '../http/headers.ts';
import { isRedirectStatus } from '../http/status.ts';
import { urlWithoutFragment } from '../pairing/match.ts';
import type { HarEntryRecord, HarHeaderLine } from './types.ts';

/**
 * Header lines as the evaluator wants them. Chromium exports headers it only had as a CDP object
 * with repeated lines joined by `\n`; those are split back into separate lines so a duplicated
 * `Access-Control-Allow-Origin` stays visible. HTTP/2 pseudo-headers (`:authority`, `:status`)
 * are not HTTP headers and are dropped.
 */
export function headerLines(lines: readonly HarHeaderLine[]): readonly HttpHeader[] {
  // Most lists need neither: share them instead of copying.
  if (!lines.some(({ name, value }) => name.startsWith(':') || value.includes('\n'))) return lines;
  const headers: HttpHeader[] = [];
  for (const { name, value } of lines) {
    if (name.startsWith(':')) continue;
    if (value.includes('\n')) {
      for (const part of value.split('\n')) headers.push({ name, value: part.trim() });
    } else {
      headers.push({ name, value });
    }
  }
  return headers;
}

/** Headers only the network stack adds; provisional header lists never contain them. */
const NETWORK_LEVEL_HEADERS = [':authority', 'host', 'accept-encoding', 'connection'];

/** True when the entry never got a response: status 0 and no response header. */
export function hasNoResponse(entry: HarEntryRecord): boolean {
  return entry.response.status === 0 && entry.response.headers.length === 0;
}

/**
 * Chromium shows "Provisional headers are shown" when the request never reached the network
 * (blocked at its preflight): the list then lacks every header the network stack adds.
 */
export function hasProvisionalHeaders(entry: HarEntryRecord): boolean {
  return hasNoResponse(entry) && !NETWORK_LEVEL_HEADERS.some((name) => hasHeader(entry.request.headers, name));
}

export function observedRequest(entry: HarEntryRecord): ObservedRequest {
  const provisional = hasProvisionalHeaders(entry);
  return {
    url: entry.request.url,
    method: entry.request.method,
    headers: headerLines(entry.request.headers),
    ...(provisional && { headersProvisional: true }),
    ...(entry.startedAt !== undefined && { startedAt: entry.startedAt }),
    ...(entry.request.postData !== undefined && { body: bodyOf(entry.request.postData) }),
  };
}

function bodyOf(postData: NonNullable<HarEntryRecord['request']['postData']>): RequestBody {
  const { text, mimeType, encoding } = postData;
  return { text, ...(mimeType !== '' && { mimeType }), ...(encoding !== undefined && { encoding }) };
}

/** The response, or null when the request never completed (status 0 without headers). */
export function observedResponse(entry: HarEntryRecord): ObservedResponse | null {
  if (hasNoResponse(entry)) return null;
  return {
    status: entry.response.status,
    ...(entry.response.statusText !== '' && { statusText: entry.response.statusText }),
    headers: headerLines(entry.response.headers),
    ...(entry.receivedAt !== undefined && { receivedAt: entry.receivedAt }),
  };
}

const REQUEST_MODES: readonly RequestMode[] = ['same-origin', 'cors', 'no-cors', 'navigate', 'websocket'];

function isRequestMode(value: string): value is RequestMode {
  return (REQUEST_MODES as readonly string[]).includes(value);
}

/**
 * The request mode when the recording says it: `Sec-Fetch-Mode`
 * (https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-mode-header), else Chromium's
 * `_resourceType` for documents and WebSockets.
 */
export function requestModeOf(entry: HarEntryRecord): RequestMode | undefined {
  const header = getHeader(entry.request.headers, 'sec-fetch-mode')?.toLowerCase();
  if (header !== undefined && isRequestMode(header)) return header;
  if (entry.resourceType === 'document') return 'navigate';
  if (entry.resourceType === 'websocket') return 'websocket';
  return undefined;
}

/** A redirect status with a `redirectURL` (HAR's resolved `Location`): the browser followed it or refused to. */
export function isRedirectEntry(entry: HarEntryRecord): boolean {
  return isRedirectStatus(entry.response.status) && entry.response.redirectURL !== '';
}

/** `redirectURL` resolved against the request URL (a `Location` header may be relative), without fragment. */
export function redirectTarget(entry: HarEntryRecord): string | null {
  try {
    return comparableUrl(new URL(entry.response.redirectURL, entry.request.url).href);
  } catch {
    return null;
  }
}

/** The URL serialized by the URL parser and without its fragment, so recorded URLs compare equal. */
export function comparableUrl(url: string): string {
  let href = url;
  try {
    href = new URL(url).href;
  } catch {
    // Unparsable URLs compare as written.
  }
  return urlWithoutFragment(href);
}
