/**
 * Chromium's records → a HAR shaped like Chrome DevTools' "Export HAR"
 * (front_end/models/har/Log.ts). The recorder (cdp-har.ts) collects the CDP events.
 *
 * How DevTools builds its entries, mirrored here:
 * - one entry per URL: a redirect hop is its own entry (same requestId), its response is the next
 *   `requestWillBeSent.redirectResponse`, and `response.redirectURL` is its `Location`;
 * - the raw request/response headers come from `requestWillBeSentExtraInfo` /
 *   `responseReceivedExtraInfo`, matched to hops by order (DevTools' ExtraInfoBuilder). A header
 *   line that occurs several times arrives as one value joined with `\n`; DevTools splits it back
 *   into one HAR header per line (NetworkManager.headersMapToHeadersArray). The raw header text
 *   (`headersText`) only feeds `headersSize`;
 * - without `requestWillBeSentExtraInfo` (a request blocked at its preflight was never sent)
 *   the request headers are the provisional ones from `requestWillBeSent`;
 * - DevTools drops the raw heads of a hop whose response was announced with `hasExtraInfo: false`
 *   (an opaque `no-cors` response): provisional request headers, the response's filtered headers.
 *   Mirrored by default (see ChromiumHarOptions.extraInfo);
 * - only http(s)/ws(s) URLs are exported (DevTools' NetworkLogView.getHTTPRequestsFilter): a
 *   redirect to `ftp:` leaves the 3xx entry, with its `redirectURL`, and no entry for the target;
 * - the status comes from `responseReceivedExtraInfo.statusCode` when there was no
 *   `responseReceived` (a CORS-blocked response), else 0 with no headers;
 * - `response._error` is `loadingFailed.errorText` (`net::ERR_FAILED`), null otherwise;
 * - a preflight is its own entry, `_resourceType: "preflight"` (from `responseReceived.type`),
 *   `_initiator: {type: "preflight", url, requestId}`;
 * - `corsErrorStatus` is NOT exported (DevTools' HAR has no such field).
 */
import type { CdpCookie, CdpHeaders, CdpRecord, CdpRequest, CdpResponse, Hop, RequestExtraInfo, ResponseExtraInfo } from './cdp-events.ts';
import {
  parseSetCookies,
  queryStringOf,
  type Har,
  type HarCookie,
  type HarEntry,
  type HarInitiator,
  type HarNameValue,
  type HarPostData,
  type HarTimings,
} from './har.ts';

/** DevTools' ResourceType names (front_end/core/common/ResourceType.ts). */
const RESOURCE_TYPE_NAMES: Record<string, string> = {
  Document: 'document',
  Stylesheet: 'stylesheet',
  Image: 'image',
  Media: 'media',
  Font: 'font',
  Script: 'script',
  TextTrack: 'texttrack',
  XHR: 'xhr',
  Fetch: 'fetch',
  Prefetch: 'prefetch',
  EventSource: 'eventsource',
  WebSocket: 'websocket',
  Manifest: 'manifest',
  SignedExchange: 'signed-exchange',
  Ping: 'ping',
  CSPViolationReport: 'csp-violation-report',
  Preflight: 'preflight',
  FedCM: 'fedcm',
  Other: 'other',
};

/** NetworkManager.headersMapToHeadersArray: one HAR header per line of a `\n`-joined value. */
function headersToArray(map: CdpHeaders): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (const [name, joined] of Object.entries(map)) {
    for (const value of joined.split('\n')) out.push({ name, value });
  }
  return out;
}

function headerValue(headers: readonly HarNameValue[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

function postDataOf(req: CdpRequest, headers: readonly HarNameValue[]): HarPostData | undefined {
  let text = req.postData;
  if (text === undefined && req.postDataEntries?.length) {
    text = req.postDataEntries.map((e) => (e.bytes ? Buffer.from(e.bytes, 'base64').toString('utf8') : '')).join('');
  }
  if (text === undefined) return undefined;
  return { mimeType: headerValue(headers, 'content-type') ?? '', text };
}

function cookieOf(c: CdpCookie): HarCookie {
  const cookie: HarCookie = {
    name: c.name,
    value: c.value,
    path: c.path,
    domain: c.domain,
    expires: c.expires > 0 ? new Date(c.expires * 1000).toISOString() : null,
    httpOnly: c.httpOnly,
    secure: c.secure,
  };
  if (c.sameSite) cookie.sameSite = c.sameSite;
  return cookie;
}

const least = (values: readonly number[]): number => values.reduce((best, v) => (v >= 0 && v < best ? v : best), Infinity);

/** Log.ts buildTimings, simplified to the fields a reader looks at. */
function timingsOf(issue: number, end: number, response: CdpResponse | undefined): HarTimings {
  const t = response?.timing;
  if (!t) {
    return { blocked: Math.max(0, (end - issue) * 1000), dns: -1, ssl: -1, connect: -1, send: 0, wait: 0, receive: 0, _blocked_queueing: -1 };
  }
  const queued = t.requestTime > issue ? (t.requestTime - issue) * 1000 : 0;
  const blockedStart = least([t.dnsStart, t.connectStart, t.sendStart]);
  const blocked = queued + (blockedStart === Infinity ? 0 : blockedStart);
  const dns = t.dnsEnd >= 0 ? t.dnsEnd - t.dnsStart : -1;
  const connect = t.connectEnd >= 0 ? t.connectEnd - t.connectStart : -1;
  const ssl = t.sslEnd > 0 ? t.sslEnd - t.sslStart : -1;
  const send = Math.max(0, t.sendEnd - t.sendStart);
  const wait = Math.max(0, t.receiveHeadersEnd - Math.max(t.sendEnd, 0));
  const receive = Math.max(0, (end - t.requestTime) * 1000 - t.receiveHeadersEnd);
  return { blocked, dns, ssl, connect, send, wait, receive, _blocked_queueing: queued > 0 ? queued : -1 };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export interface ChromiumHarOptions {
  /** `log.creator.version`: DevTools writes the AppleWebKit version from the user agent. */
  userAgent: string;
  pageUrl: string;
  /** `pages[].id` / `entries[].pageref` (DevTools numbers page loads: `page_1`, `page_2`, …). */
  pageId?: string;
  /**
   * How raw heads (`*ExtraInfo`) are matched to hops. `devtools` (default): as DevTools'
   * ExtraInfoBuilder, so exactly what a real export holds: a hop announced with
   * `hasExtraInfo: false` gets none (an opaque `no-cors` response then has provisional request
   * headers, no `Sec-Fetch-Mode`, and no response headers; test/fixtures/recorded/README.md,
   * "Real DevTools exports"). `all`: every hop gets those CDP sent for it, in order.
   */
  extraInfo?: 'all' | 'devtools';
}

/** DevTools exports only these schemes (NetworkLogView.getHTTPRequestsFilter). */
const EXPORTED_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

function isExportedUrl(url: string): boolean {
  try {
    return EXPORTED_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/**
 * DevTools' ExtraInfoBuilder (front_end/core/sdk/NetworkManager.ts): raw heads are matched to
 * hops by order, but a hop announced without extra info gets a gap at its position, so it gets
 * none, and whatever CDP still sent for it moves one position on.
 */
function devToolsExtraInfo<T>(hops: readonly Hop[], extras: readonly T[]): (T | undefined)[] {
  const out: (T | undefined)[] = [...extras];
  hops.forEach((hop, i) => {
    if (hop.hasExtraInfo === false) out.splice(i, 0, undefined);
  });
  return out;
}

/** The HAR DevTools would export for `records` (in the order CDP first mentioned them). */
export function devToolsHar(records: readonly CdpRecord[], opts: ChromiumHarOptions): Har {
  const entries: { at: number; seq: number; entry: HarEntry }[] = [];
  let pageStart: string | null = null;
  const pageId = opts.pageId ?? 'page_1';
  for (const r of records) {
    const extra =
      (opts.extraInfo ?? 'devtools') === 'devtools'
        ? { request: devToolsExtraInfo(r.hops, r.requestExtra), response: devToolsExtraInfo(r.hops, r.responseExtra) }
        : { request: r.requestExtra, response: r.responseExtra };
    r.hops.forEach((hop, i) => {
      if (!isExportedUrl(hop.sent.request.url)) return;
      const entry = harEntry(r, i, pageId, extra.request[i], extra.response[i]);
      pageStart ??= entry.startedDateTime;
      entries.push({ at: hop.sent.timestamp, seq: r.seq * 1000 + i, entry });
    });
  }
  entries.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const webKit = /AppleWebKit\/([^ ]+)/.exec(opts.userAgent);
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: webKit?.[1] ?? 'n/a' },
      pages: [
        {
          startedDateTime: entries[0]?.entry.startedDateTime ?? new Date().toISOString(),
          id: pageId,
          title: opts.pageUrl,
          pageTimings: { onContentLoad: -1, onLoad: -1 },
        },
      ],
      entries: entries.map((e) => e.entry),
    },
  };
}

function harEntry(r: CdpRecord, i: number, pageId: string, reqExtra: RequestExtraInfo | undefined, resExtra: ResponseExtraInfo | undefined): HarEntry {
  const hop = r.hops[i];
  const first = r.hops[0];
  if (!hop || !first) throw new Error(`no hop ${i} for ${r.requestId}`);
  const isLast = i === r.hops.length - 1;
  const next = r.hops[i + 1];
  const req = hop.sent.request;
  const resp = hop.response;

  const requestHeaders = headersToArray(reqExtra ? reqExtra.headers : req.headers);
  const responseHeaders = resExtra ? headersToArray(resExtra.headers) : resp ? headersToArray(resp.headers) : [];
  const headersText = resExtra?.headersText;
  const status = resExtra?.statusCode ?? resp?.status ?? 0;
  const statusText = resp?.statusText ?? (headersText ? (headersText.split('\r')[0] ?? '').split(' ').slice(2).join(' ') : '');

  // Request headers text is generated by DevTools when the raw response head is known.
  let requestHeadersSize = -1;
  let httpVersion = resp?.protocol ?? '';
  if (reqExtra && headersText) {
    const u = new URL(req.url);
    const text = `${req.method} ${u.pathname}${u.search} HTTP/1.1\r\n${requestHeaders.map((h) => `${h.name}: ${h.value}\r\n`).join('')}`;
    requestHeadersSize = text.length;
    httpVersion = 'HTTP/1.1';
  }
  const responseHttpVersion = headersText ? (headersText.split(' ')[0] ?? '') : (resp?.protocol ?? '');

  const end =
    next?.sent.timestamp ??
    (isLast ? (r.finished?.timestamp ?? r.failed?.timestamp ?? hop.responseAt) : hop.responseAt) ??
    hop.sent.timestamp;
  const timings = timingsOf(hop.sent.timestamp, end, resp);
  const time = [timings.blocked, timings.dns, timings.connect, timings.send, timings.wait, timings.receive].reduce((s, t) => s + Math.max(t, 0), 0);

  const transferSize = isLast ? (r.finished?.encodedDataLength ?? 0) : (headersText?.length ?? 0);
  const postData = postDataOf(req, requestHeaders);
  const type = isLast ? (r.responseType ?? hop.sent.type ?? 'Other') : (hop.sent.type ?? 'Other');
  const init = first.sent.initiator;
  const initiator: HarInitiator = { type: init.type };
  if (init.url !== undefined) initiator.url = init.url;
  if (init.requestId !== undefined) initiator.requestId = init.requestId;
  if (init.lineNumber !== undefined) initiator.lineNumber = init.lineNumber;
  if (init.stack !== undefined) initiator.stack = init.stack;

  const entry: HarEntry = {
    _initiator: initiator,
    _priority: req.initialPriority ?? null,
    _resourceType: RESOURCE_TYPE_NAMES[type] ?? type.toLowerCase(),
    cache: {},
    pageref: pageId,
    request: {
      method: req.method,
      url: req.url.split('#')[0] ?? req.url,
      httpVersion,
      headers: requestHeaders,
      queryString: queryStringOf(req.url),
      cookies: (reqExtra?.associatedCookies ?? []).filter((c) => c.blockedReasons.length === 0).map((c) => cookieOf(c.cookie)),
      headersSize: requestHeadersSize,
      bodySize: postData ? Buffer.byteLength(postData.text) : 0,
      ...(postData ? { postData } : {}),
    },
    response: {
      status,
      statusText,
      httpVersion: responseHttpVersion,
      headers: responseHeaders,
      cookies: parseSetCookies(responseHeaders),
      content: { size: isLast ? r.dataLength : 0, mimeType: resp?.mimeType || 'x-unknown' },
      redirectURL: headerValue(responseHeaders, 'location') ?? '',
      headersSize: headersText ? headersText.length : -1,
      bodySize: resp?.fromDiskCache ? 0 : headersText ? Math.max(0, transferSize - headersText.length) : -1,
      _transferSize: transferSize,
      _error: isLast && r.failed ? r.failed.errorText : null,
      _fetchedViaServiceWorker: resp?.fromServiceWorker ?? false,
    },
    serverIPAddress: (resp?.remoteIPAddress ?? '').replace(/^\[|\]$/g, ''),
    startedDateTime: new Date(hop.sent.wallTime * 1000).toISOString(),
    time: round(time),
    timings: {
      blocked: round(timings.blocked),
      dns: round(timings.dns),
      ssl: round(timings.ssl ?? -1),
      connect: round(timings.connect),
      send: round(timings.send),
      wait: round(timings.wait),
      receive: round(timings.receive),
      _blocked_queueing: round(timings._blocked_queueing ?? -1),
    },
  };
  if (resp?.remotePort !== undefined) entry.connection = String(resp.remotePort);
  if (resp?.connectionId) entry._connectionId = String(resp.connectionId);
  if (resp?.fromDiskCache) entry._fromCache = 'disk';
  return entry;
}
