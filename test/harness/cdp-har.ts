/**
 * Chromium recorder: CDP `Network.*` events of one page → a HAR shaped like Chrome DevTools'
 * "Export HAR" (front_end/models/har/Log.ts), plus the oracle (CDP `corsErrorStatus` per fetch),
 * kept apart so the HAR never carries the answer.
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
import type { CDPSession } from 'playwright-core';
import {
  Notifier,
  parseSetCookies,
  plannedRow,
  queryStringOf,
  fetchOutcome,
  isNetworkLevelError,
  waitForCondition,
  type ChromiumCorsStatus,
  type Har,
  type HarCookie,
  type HarEntry,
  type HarInitiator,
  type HarNameValue,
  type HarPostData,
  type HarTimings,
  type OracleFetch,
  type PlannedFetch,
} from './lab-runner.ts';

// ── the subset of CDP payloads we use (structurally compatible with Playwright's Protocol types) ──

type CdpHeaders = Record<string, string>;

interface CdpTiming {
  requestTime: number;
  proxyStart: number;
  proxyEnd: number;
  dnsStart: number;
  dnsEnd: number;
  connectStart: number;
  connectEnd: number;
  sslStart: number;
  sslEnd: number;
  sendStart: number;
  sendEnd: number;
  receiveHeadersEnd: number;
}

interface CdpRequest {
  url: string;
  method: string;
  headers: CdpHeaders;
  postData?: string;
  hasPostData?: boolean;
  postDataEntries?: { bytes?: string }[];
  initialPriority?: string;
}

interface CdpResponse {
  url: string;
  status: number;
  statusText: string;
  headers: CdpHeaders;
  mimeType: string;
  connectionId?: number;
  remoteIPAddress?: string;
  remotePort?: number;
  fromDiskCache?: boolean;
  fromServiceWorker?: boolean;
  encodedDataLength: number;
  timing?: CdpTiming;
  protocol?: string;
}

interface CdpInitiator {
  type: string;
  url?: string;
  lineNumber?: number;
  requestId?: string;
  stack?: unknown;
}

interface RequestWillBeSent {
  requestId: string;
  redirectHasExtraInfo?: boolean;
  documentURL: string;
  request: CdpRequest;
  timestamp: number;
  wallTime: number;
  initiator: CdpInitiator;
  redirectResponse?: CdpResponse;
  type?: string;
}

interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
}

interface RequestExtraInfo {
  requestId: string;
  associatedCookies: { blockedReasons: readonly string[]; cookie: CdpCookie }[];
  headers: CdpHeaders;
}

interface ResponseExtraInfo {
  requestId: string;
  headers: CdpHeaders;
  statusCode: number;
  headersText?: string;
}

interface ResponseReceived {
  requestId: string;
  timestamp: number;
  type: string;
  response: CdpResponse;
  hasExtraInfo?: boolean;
}

interface LoadingFinished {
  requestId: string;
  timestamp: number;
  encodedDataLength: number;
}

interface LoadingFailed {
  requestId: string;
  timestamp: number;
  type: string;
  errorText: string;
  canceled?: boolean;
  blockedReason?: string;
  corsErrorStatus?: ChromiumCorsStatus;
}

/** `Audits.issueAdded` for a CorsIssue: how Chromium reports a fetch it refused before any request existed. */
interface CorsIssue {
  url: string;
  corsErrorStatus: ChromiumCorsStatus;
  isWarning: boolean;
}

interface DataReceived {
  requestId: string;
  dataLength: number;
}

interface Hop {
  sent: RequestWillBeSent;
  /**
   * Whether CDP announced raw heads (`*ExtraInfo`) for this hop when its response arrived
   * (`responseReceived.hasExtraInfo`, `redirectHasExtraInfo`); undefined until then.
   */
  hasExtraInfo?: boolean;
  response?: CdpResponse;
  /** Monotonic time the response head arrived. */
  responseAt?: number;
}

/** Everything CDP said about one requestId. */
export interface CdpRecord {
  requestId: string;
  seq: number;
  hops: Hop[];
  requestExtra: RequestExtraInfo[];
  responseExtra: ResponseExtraInfo[];
  responseType?: string;
  dataLength: number;
  finished?: LoadingFinished;
  failed?: LoadingFailed;
}

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

/** How long the end of a request (and its raw heads, `*ExtraInfo`) may trail its response. */
const SETTLE_GRACE_MS = 1_000;

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

/** Collects a page's CDP Network events and turns them into a DevTools-shaped HAR and an oracle. */
export class CdpNetworkRecorder {
  private readonly records = new Map<string, CdpRecord>();
  private readonly corsIssues: CorsIssue[] = [];
  private seq = 0;
  readonly changes = new Notifier();

  private constructor(private readonly cdp: CDPSession) {}

  /**
   * Attaches to `cdp` (a page session) and enables the Network domain, and the Audits domain for
   * the CORS issues of fetches Chromium refuses before creating a request (`DisallowedByMode`,
   * `NoCorsRedirectModeNotFollow`): those never reach the Network domain, so never a HAR either.
   */
  static async attach(cdp: CDPSession): Promise<CdpNetworkRecorder> {
    const rec = new CdpNetworkRecorder(cdp);
    rec.listen();
    await cdp.send('Network.enable', { maxPostDataSize: 65536 });
    await cdp.send('Audits.enable');
    return rec;
  }

  private record(requestId: string): CdpRecord {
    let r = this.records.get(requestId);
    if (!r) {
      r = { requestId, seq: this.seq++, hops: [], requestExtra: [], responseExtra: [], dataLength: 0 };
      this.records.set(requestId, r);
    }
    return r;
  }

  private listen(): void {
    const on = <T>(fn: (p: T) => void) => (p: T): void => {
      fn(p);
      this.changes.notify();
    };
    this.cdp.on('Network.requestWillBeSent', on((p: RequestWillBeSent) => {
      const r = this.record(p.requestId);
      const prev = r.hops[r.hops.length - 1];
      if (prev && p.redirectResponse) {
        prev.response = p.redirectResponse;
        prev.responseAt = p.timestamp;
        prev.hasExtraInfo = p.redirectHasExtraInfo === true;
      }
      r.hops.push({ sent: p });
    }));
    this.cdp.on('Network.requestWillBeSentExtraInfo', on((p: RequestExtraInfo) => {
      this.record(p.requestId).requestExtra.push(p);
    }));
    this.cdp.on('Network.responseReceivedExtraInfo', on((p: ResponseExtraInfo) => {
      this.record(p.requestId).responseExtra.push(p);
    }));
    this.cdp.on('Network.responseReceived', on((p: ResponseReceived) => {
      const r = this.record(p.requestId);
      const last = r.hops[r.hops.length - 1];
      if (last) {
        last.response = p.response;
        last.responseAt = p.timestamp;
        last.hasExtraInfo = p.hasExtraInfo === true;
      }
      r.responseType = p.type;
    }));
    this.cdp.on('Network.dataReceived', on((p: DataReceived) => {
      this.record(p.requestId).dataLength += p.dataLength;
    }));
    this.cdp.on('Network.loadingFinished', on((p: LoadingFinished) => {
      this.record(p.requestId).finished = p;
    }));
    this.cdp.on('Network.loadingFailed', on((p: LoadingFailed) => {
      const r = this.record(p.requestId);
      r.failed = p;
      r.responseType = p.type;
    }));
    this.cdp.on('Audits.issueAdded', on((p) => {
      const details = p.issue.details.corsIssueDetails;
      if (p.issue.code !== 'CorsIssue' || !details) return;
      this.corsIssues.push({ url: details.request.url, corsErrorStatus: details.corsErrorStatus, isWarning: details.isWarning });
    }));
  }

  /**
   * The request itself went out (its raw head was sent, `requestWillBeSentExtraInfo`: a request
   * blocked at its preflight never is) and got no response head at all (a redirect Chromium
   * refused to follow, net::ERR_UNSAFE_REDIRECT, has its raw head): the network failed it, with a
   * network-level error and no CORS error (a failed preflight reports the same error on its
   * request, which then never left).
   */
  static failedBelowCors(r: CdpRecord): boolean {
    const last = r.hops[r.hops.length - 1];
    const sent = r.requestExtra.length >= r.hops.length;
    const answered = last?.response !== undefined || r.responseExtra.length >= r.hops.length;
    return last !== undefined && sent && !answered && r.failed?.corsErrorStatus === undefined && isNetworkLevelError(r.failed?.errorText ?? null);
  }

  /** Records in the order CDP first mentioned them. */
  all(): CdpRecord[] {
    return [...this.records.values()].sort((a, b) => a.seq - b.seq);
  }

  /** A record is settled once it finished or failed and the raw heads CDP announced have arrived. */
  private static settled(r: CdpRecord): boolean {
    if (r.hops.length === 0 || (r.finished === undefined && r.failed === undefined)) return false;
    return r.hops.every((h, i) => h.hasExtraInfo !== true || r.responseExtra.length > i);
  }

  /**
   * Waits until CDP has told everything about `planned`: first a CDP round trip on the page
   * session (events the renderer emitted before its fetches settled arrive before the reply), a
   * short grace for any first request still missing (Chromium refuses some fetches before a
   * request exists: those stay unobserved), then until every record was answered or ended, then
   * briefly until each finished or failed with the raw heads announced for its hops. Never
   * throws: what did not settle shows up as such in the HAR and the oracle.
   */
  async waitSettled(planned: readonly PlannedFetch[], timeoutMs = 10_000): Promise<void> {
    await this.cdp.send('Runtime.evaluate', { expression: '0' }).catch(() => undefined);
    const allSeen = (): boolean => planned.every((p) => this.firstRequestsOf(p.url).length > p.occurrence);
    await waitForCondition(allSeen, this.changes.subscribe, 500, () => 'no request yet').catch(() => undefined);
    const ended = (r: CdpRecord): boolean => r.hops.length === 0 || r.finished !== undefined || r.failed !== undefined;
    // A response handed to the page is past every CORS decision; its end event normally follows at
    // once, but Chromium never sent one for a repeated no-cors fetch through a redirect whose opaque
    // body nobody read: such records get a short grace, not the full wait.
    const answered = (r: CdpRecord): boolean => ended(r) || r.hops[r.hops.length - 1]?.response !== undefined;
    await waitForCondition(() => this.all().every(answered), this.changes.subscribe, timeoutMs, () => 'CDP records not answered').catch(() => undefined);
    const allSettled = (): boolean => this.all().every((r) => r.hops.length === 0 || CdpNetworkRecorder.settled(r));
    await waitForCondition(allSettled, this.changes.subscribe, SETTLE_GRACE_MS, () => 'CDP records not settled').catch(() => undefined);
  }

  private firstRequestsOf(url: string): CdpRecord[] {
    return this.all().filter((r) => r.hops[0]?.sent.request.url === url && r.hops[0].sent.initiator.type !== 'preflight');
  }

  /**
   * The oracle row for each planned fetch: Chromium's own verdict, from `loadingFailed
   * .corsErrorStatus`, or — for a fetch refused before any request existed — from its CORS issue.
   */
  oracle(planned: readonly PlannedFetch[], pageOrigin: string): OracleFetch[] {
    const issuesUsed = new Set<CorsIssue>();
    return planned.map((p): OracleFetch => {
      const r = this.firstRequestsOf(p.url)[p.occurrence];
      const chain = r ? r.hops.map((h) => h.sent.request.url) : [p.url];
      let cors = r?.failed?.corsErrorStatus;
      if (!r) {
        const issue = this.corsIssues.find((i) => !issuesUsed.has(i) && !i.isWarning && i.url === p.url);
        if (issue) {
          issuesUsed.add(issue);
          cors = issue.corsErrorStatus;
        }
      }
      const chromium = cors ? { corsError: cors.corsError, failedParameter: cors.failedParameter } : null;
      return {
        ...plannedRow(p, chain, r?.requestId, r?.failed?.errorText ?? null),
        chromium,
        outcome: fetchOutcome(chromium !== null, r !== undefined && CdpNetworkRecorder.failedBelowCors(r), p.page.ok, p.mode, chain, pageOrigin),
      };
    });
  }

  /** The HAR DevTools would export for everything recorded so far. */
  har(opts: ChromiumHarOptions): Har {
    const entries: { at: number; seq: number; entry: HarEntry }[] = [];
    let pageStart: string | null = null;
    const pageId = opts.pageId ?? 'page_1';
    for (const r of this.all()) {
      const extra =
        (opts.extraInfo ?? 'devtools') === 'devtools'
          ? { request: devToolsExtraInfo(r.hops, r.requestExtra), response: devToolsExtraInfo(r.hops, r.responseExtra) }
          : { request: r.requestExtra, response: r.responseExtra };
      r.hops.forEach((hop, i) => {
        if (!isExportedUrl(hop.sent.request.url)) return;
        const entry = this.entry(r, i, pageId, extra.request[i], extra.response[i]);
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

  private entry(r: CdpRecord, i: number, pageId: string, reqExtra: RequestExtraInfo | undefined, resExtra: ResponseExtraInfo | undefined): HarEntry {
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
}
