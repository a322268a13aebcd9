/**
 * Firefox recorder: WebDriver BiDi `network.*` events (+ the lab's wire log) → a HAR shaped like
 * Firefox DevTools' "Save All As HAR" (devtools/client/netmonitor/src/har/har-builder.js), plus
 * the oracle (Firefox's console reasons), kept apart.
 *
 * What Firefox's export looks like, mirrored here:
 * - `log.creator` and `log.browser` are `{name: "Firefox", version}`;
 * - one entry per URL: every redirect hop is its own entry (BiDi keeps one request id and counts
 *   `redirectCount`); `response.redirectURL` is the `Location`;
 * - preflights are plain `OPTIONS` entries (Firefox marks them in no way), listed where they
 *   started — after the request they guard;
 * - no error field: a CORS-blocked response keeps its status and headers; a request that was never
 *   sent (blocked at its preflight) has `status: 0` and no response headers;
 * - response headers are the raw lines (netmonitor reads `visitOriginalResponseHeaders`: order and
 *   duplicates kept). BiDi joins duplicate lines with ", ", so the lines the lab answered with
 *   come from the lab's wire log; BiDi adds the ones Node appended (Connection, Keep-Alive…).
 */
import type { WireEntry } from '../../lab/server.ts';
import type { BidiConnectionLike } from './firefox-console.ts';
import {
  Notifier,
  parseSetCookies,
  plannedRow,
  queryStringOf,
  fetchOutcome,
  isNetworkLevelError,
  waitForCondition,
  type FirefoxCorsMessage,
  type Har,
  type HarEntry,
  type HarNameValue,
  type OracleFetch,
  type PlannedFetch,
} from './lab-runner.ts';

// ── the subset of BiDi network payloads we use, parsed from unknown ──

interface BidiTimings {
  timeOrigin: number;
  requestTime: number;
  fetchStart: number;
  dnsStart: number;
  dnsEnd: number;
  connectStart: number;
  connectEnd: number;
  tlsStart: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
}

interface BidiRequestData {
  request: string;
  url: string;
  method: string;
  headers: HarNameValue[];
  cookies: HarNameValue[];
  headersSize: number;
  bodySize: number | null;
  destination: string;
  initiatorType: string | null;
  timings: BidiTimings | null;
}

interface BidiResponseData {
  url: string;
  protocol: string;
  status: number;
  statusText: string;
  fromCache: boolean;
  headers: HarNameValue[];
  mimeType: string;
  bytesReceived: number;
  headersSize: number | null;
  bodySize: number | null;
  contentSize: number;
}

interface BidiNetworkEvent {
  method: 'network.beforeRequestSent' | 'network.responseStarted' | 'network.responseCompleted' | 'network.fetchError';
  context: string | null;
  redirectCount: number;
  timestamp: number;
  request: BidiRequestData;
  response: BidiResponseData | null;
  errorText: string | null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);
const text = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

/** BiDi headers/cookies: `{name, value: {type: "string", value}}` (base64 values decoded). */
function nameValues(v: unknown): HarNameValue[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((h: unknown) => {
    if (!isRecord(h) || typeof h.name !== 'string' || !isRecord(h.value)) return [];
    const bytes = h.value;
    const value = bytes.type === 'base64' ? Buffer.from(text(bytes.value), 'base64').toString('latin1') : text(bytes.value);
    return [{ name: h.name, value }];
  });
}

function parseTimings(v: unknown): BidiTimings | null {
  if (!isRecord(v)) return null;
  return {
    timeOrigin: num(v.timeOrigin),
    requestTime: num(v.requestTime),
    fetchStart: num(v.fetchStart),
    dnsStart: num(v.dnsStart),
    dnsEnd: num(v.dnsEnd),
    connectStart: num(v.connectStart),
    connectEnd: num(v.connectEnd),
    tlsStart: num(v.tlsStart),
    requestStart: num(v.requestStart),
    responseStart: num(v.responseStart),
    responseEnd: num(v.responseEnd),
  };
}

function parseEvent(method: BidiNetworkEvent['method'], p: unknown): BidiNetworkEvent | null {
  if (!isRecord(p) || !isRecord(p.request)) return null;
  const r = p.request;
  const request: BidiRequestData = {
    request: text(r.request),
    url: text(r.url),
    method: text(r.method),
    headers: nameValues(r.headers),
    cookies: nameValues(r.cookies),
    headersSize: num(r.headersSize, -1),
    bodySize: typeof r.bodySize === 'number' ? r.bodySize : null,
    destination: text(r.destination),
    initiatorType: typeof r.initiatorType === 'string' ? r.initiatorType : null,
    timings: parseTimings(r.timings),
  };
  let response: BidiResponseData | null = null;
  if (isRecord(p.response)) {
    const s = p.response;
    response = {
      url: text(s.url),
      protocol: text(s.protocol),
      status: num(s.status),
      statusText: text(s.statusText),
      fromCache: s.fromCache === true,
      headers: nameValues(s.headers),
      mimeType: text(s.mimeType),
      bytesReceived: num(s.bytesReceived),
      headersSize: typeof s.headersSize === 'number' ? s.headersSize : null,
      bodySize: typeof s.bodySize === 'number' ? s.bodySize : null,
      contentSize: isRecord(s.content) ? num(s.content.size) : 0,
    };
  }
  return {
    method,
    context: typeof p.context === 'string' ? p.context : null,
    redirectCount: num(p.redirectCount),
    timestamp: num(p.timestamp),
    request,
    response,
    errorText: typeof p.errorText === 'string' ? p.errorText : null,
  };
}

/** One URL of one BiDi request (BiDi id + redirectCount). */
export interface BidiHop {
  id: string;
  redirectCount: number;
  seq: number;
  sent: BidiNetworkEvent;
  started?: BidiNetworkEvent;
  completed?: BidiNetworkEvent;
  failed?: BidiNetworkEvent;
  /** The lab's record of this request on the wire, when it reached the lab. */
  wire?: WireEntry;
}

const EVENTS = ['network.beforeRequestSent', 'network.responseStarted', 'network.responseCompleted', 'network.fetchError'] as const;

function isPreflight(h: BidiHop): boolean {
  return h.sent.request.method === 'OPTIONS' && h.sent.request.headers.some((x) => x.name.toLowerCase() === 'access-control-request-method');
}

/** Firefox's HAR date format (har-builder `dateToHarString`: local time with offset). */
function harDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}

/** Size of a message head as Firefox counts it (start line, header lines, blank line), when BiDi gives none. */
function headBytes(startLine: string, headers: readonly HarNameValue[]): number {
  return Buffer.byteLength(`${startLine}\r\n${headers.map((h) => `${h.name}: ${h.value}\r\n`).join('')}\r\n`);
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** The raw response lines: the lab's own lines from the wire log, then what BiDi adds (Node's). */
function responseHeaders(h: BidiHop, status: number, bidi: readonly HarNameValue[]): HarNameValue[] {
  // The lab logs what it meant to answer; if Node refused to send it, it sent a 500 instead.
  if (!h.wire || h.wire.response.status !== status) return [...bidi];
  const fromWire = h.wire.response.headers.map(([name, value]) => ({ name, value }));
  const names = new Set(fromWire.map((x) => x.name.toLowerCase()));
  return [...fromWire, ...bidi.filter((x) => !names.has(x.name.toLowerCase()))];
}

interface MessageCandidate {
  readonly p: PlannedFetch;
  readonly first: BidiHop | undefined;
  readonly urls: readonly string[];
  readonly messages: FirefoxCorsMessage[];
}

/** How long after its page step settled Firefox was seen to log a blocked fetch's message (2–8 ms), with margin. */
const CONSOLE_LAG_MS = 25;

/**
 * The fetch a console message belongs to, among those whose URLs it names. Firefox logs a blocked
 * fetch's messages asynchronously, sometimes a few ms after the page saw the rejection and had
 * already started its next step on the same URL, so time alone misattributes them; order does
 * not: the earliest failed fetch that has no error message yet takes the next error message, as
 * long as that fetch settled less than CONSOLE_LAG_MS before it (the page's own clock, `startedAt`
 * ..`endedAt` of each step, is the console's clock; BiDi's request timestamps are not precise
 * enough against it). Otherwise, and for warnings, the latest fetch started by then takes it. A
 * fetch Firefox refused before any request existed (no BiDi event) still gets its message, by
 * URL, from the time its scenario started.
 */
function messageOwner<T extends MessageCandidate>(rows: readonly T[], m: FirefoxCorsMessage): T | undefined {
  const startOf = (r: T): number => r.p.page.startedAt ?? r.first?.sent.timestamp ?? r.p.scenarioStartedAt;
  const slack = (r: T): number => (r.p.page.startedAt === undefined ? 1 : 0);
  const candidates = rows.filter((r) => r.urls.includes(m.url) && startOf(r) <= m.timeStamp + slack(r)).sort((a, b) => startOf(a) - startOf(b));
  const isError = (x: FirefoxCorsMessage): boolean => (x.flags & 1) === 0;
  const waiting = isError(m)
    ? candidates.find((r) => !r.p.page.ok && !r.messages.some(isError) && m.timeStamp <= (r.p.page.endedAt ?? Infinity) + CONSOLE_LAG_MS)
    : undefined;
  return waiting ?? candidates[candidates.length - 1];
}

export class BidiNetworkRecorder {
  private readonly hops = new Map<string, BidiHop>();
  private seq = 0;
  readonly changes = new Notifier();
  /** CORS messages the last `oracle()` call could not tie to a lab fetch (should stay empty). */
  unattributed: FirefoxCorsMessage[] = [];
  private readonly handlers: [string, (p: unknown) => void][] = [];

  constructor(private readonly conn: BidiConnectionLike) {
    for (const method of EVENTS) {
      const handler = (p: unknown): void => {
        const ev = parseEvent(method, p);
        if (ev) this.onEvent(ev);
      };
      this.handlers.push([method, handler]);
      conn.on(method, handler);
    }
  }

  detach(): void {
    for (const [m, h] of this.handlers) this.conn.off(m, h);
  }

  private onEvent(ev: BidiNetworkEvent): void {
    const key = `${ev.request.request}#${ev.redirectCount}`;
    let hop = this.hops.get(key);
    if (!hop) {
      hop = { id: ev.request.request, redirectCount: ev.redirectCount, seq: this.seq++, sent: ev };
      this.hops.set(key, hop);
    }
    if (ev.method === 'network.responseStarted') hop.started = ev;
    else if (ev.method === 'network.responseCompleted') hop.completed = ev;
    else if (ev.method === 'network.fetchError') hop.failed = ev;
    this.changes.notify();
  }

  /** Hops in the order Firefox started them. */
  all(): BidiHop[] {
    return [...this.hops.values()].sort((a, b) => a.seq - b.seq);
  }

  private static settled(h: BidiHop): boolean {
    return h.completed !== undefined || h.failed !== undefined || BidiNetworkRecorder.redirected(h);
  }

  private static redirected(h: BidiHop): boolean {
    const status = h.started?.response?.status ?? 0;
    return status >= 300 && status < 400 && h.started !== undefined;
  }

  private firstHopsOf(url: string): BidiHop[] {
    return this.all().filter((h) => h.redirectCount === 0 && h.sent.request.url === url && !isPreflight(h));
  }

  /** The hops of one fetch: the first hop's request id, every redirectCount. */
  chainOf(first: BidiHop): BidiHop[] {
    return this.all()
      .filter((h) => h.id === first.id)
      .sort((a, b) => a.redirectCount - b.redirectCount);
  }

  /**
   * Waits until BiDi has told everything about `planned`: a short grace for first requests not
   * reported yet (Firefox refuses some fetches before a request exists — `mode: "same-origin"`
   * to another origin, no-cors with a non-follow redirect mode: those stay unobserved), then until
   * every hop completed, failed or was redirected. Never throws: what did not settle shows up as
   * such in the HAR and the oracle.
   */
  async waitSettled(planned: readonly PlannedFetch[], timeoutMs = 10_000): Promise<void> {
    const allSeen = (): boolean => planned.every((p) => this.firstHopsOf(p.url).length > p.occurrence);
    await waitForCondition(allSeen, this.changes.subscribe, 1000, () => 'no request yet').catch(() => undefined);
    const allSettled = (): boolean => this.all().every((h) => BidiNetworkRecorder.settled(h));
    await waitForCondition(allSettled, this.changes.subscribe, timeoutMs, () => 'BiDi requests not settled').catch(() => undefined);
  }

  /**
   * Pairs hops with the lab's wire entries (same method and URL, in order), ignoring entries
   * logged before `sinceMs` (an earlier browser's visit to the same page URLs).
   */
  attachWire(wire: readonly WireEntry[], sinceMs = 0): void {
    const used = new Set<number>();
    const recent = wire.filter((e) => e.time >= sinceMs);
    for (const h of this.all()) {
      const url = h.sent.request.url;
      const method = h.sent.request.method;
      const w = recent.find((e) => !used.has(e.seq) && e.method === method && e.url === url);
      if (w && (h.started || h.completed)) {
        used.add(w.seq);
        h.wire = w;
      }
    }
  }

  /**
   * The oracle: for each planned fetch, Firefox's console reason. A CORS message names the URL
   * that failed (a redirect hop's, or the request's); it belongs to the fetch whose chain holds
   * that URL and that was the last of those to start before the message was logged.
   */
  oracle(planned: readonly PlannedFetch[], messages: readonly FirefoxCorsMessage[], pageOrigin: string): OracleFetch[] {
    const rows = planned.map((p) => {
      const first = this.firstHopsOf(p.url)[p.occurrence];
      const chain = first ? this.chainOf(first) : [];
      const requested = chain.length ? chain.map((h) => h.sent.request.url) : [p.url];
      // A message may name a redirect target Firefox refused to request (ftp:, data:…).
      const targets = chain.flatMap((h) => {
        const location = (h.completed ?? h.started)?.response?.headers.find((x) => x.name.toLowerCase() === 'location')?.value;
        if (!location) return [];
        try {
          return [new URL(location, h.sent.request.url).href];
        } catch {
          return [location];
        }
      });
      return { p, first, chain, urls: [...requested, ...targets], messages: [] as FirefoxCorsMessage[] };
    });
    this.unattributed = [];
    /** URL → the fetch that got the last specific (not CORSDidNotSucceed) error message naming it. */
    const awaitingGeneric = new Map<string, (typeof rows)[number]>();
    for (const m of [...messages].sort((a, b) => a.timeStamp - b.timeStamp)) {
      // Firefox logs a blocked fetch's specific reason, then CORSDidNotSucceed for the same URL
      // when the request itself fails; the second may come after the page started the next step
      // (seen with a step repeating the URL): it belongs with the first.
      const paired = m.reason === 'CORSDidNotSucceed' && (m.flags & 1) === 0 ? awaitingGeneric.get(m.url) : undefined;
      if (paired !== undefined) {
        paired.messages.push(m);
        awaitingGeneric.delete(m.url);
        continue;
      }
      const owner = messageOwner(rows, m);
      if (owner) owner.messages.push(m);
      else this.unattributed.push(m);
      if (owner && (m.flags & 1) === 0 && m.reason !== 'CORSDidNotSucceed') awaitingGeneric.set(m.url, owner);
      else awaitingGeneric.delete(m.url);
    }
    return rows.map(({ p, first, chain, messages: own }) => {
      const urls = chain.length ? chain.map((h) => h.sent.request.url) : [p.url];
      const reason = own.find((m) => (m.flags & 1) === 0) ?? null;
      const errorText = chain.map((h) => h.failed?.errorText).find((e) => e !== undefined && e !== null) ?? null;
      // The request went out and the network failed it (NS_ERROR_NET_RESET…; a failed preflight
      // fails its request with NS_ERROR_DOM_BAD_URI): Firefox still logs CORSDidNotSucceed, its
      // message for any failure of a CORS request, but no CORS check decided it.
      const last = chain[chain.length - 1];
      const belowCors =
        last !== undefined && last.started === undefined && isNetworkLevelError(errorText) && (reason === null || reason.reason === 'CORSDidNotSucceed');
      return {
        ...plannedRow(p, urls, first?.id, errorText),
        firefox: reason,
        firefoxMessages: own,
        outcome: fetchOutcome(reason !== null && !belowCors, belowCors, p.page.ok, p.mode, urls, pageOrigin),
      };
    });
  }

  /** The HAR Firefox DevTools would save for everything recorded so far. */
  har(opts: { version: string; pageUrl: string }): Har {
    const hops = this.all().filter((h) => /^https?:/.test(h.sent.request.url));
    const entries = hops.map((h) => this.entry(h));
    return {
      log: {
        version: '1.2',
        creator: { name: 'Firefox', version: opts.version },
        browser: { name: 'Firefox', version: opts.version },
        pages: [
          {
            id: 'page_1',
            pageTimings: { onContentLoad: -1, onLoad: -1 },
            startedDateTime: entries[0]?.startedDateTime ?? harDate(Date.now()),
            title: opts.pageUrl,
          },
        ],
        entries,
      },
    };
  }

  private entry(h: BidiHop): HarEntry {
    const req = h.sent.request;
    const res = (h.completed ?? h.started)?.response ?? null;
    const headers = res ? responseHeaders(h, res.status, res.headers) : [];
    const t = (h.completed ?? h.failed ?? h.started ?? h.sent).request.timings;
    const timings = t
      ? {
          blocked: Math.max(0, t.fetchStart - t.requestTime),
          dns: t.dnsEnd > 0 && t.dnsStart > 0 ? t.dnsEnd - t.dnsStart : 0,
          connect: t.connectEnd > 0 && t.connectStart > 0 ? t.connectEnd - t.connectStart : 0,
          ssl: 0,
          send: 0,
          wait: t.responseStart > 0 && t.requestStart > 0 ? Math.max(0, t.responseStart - t.requestStart) : 0,
          receive: t.responseEnd > 0 && t.responseStart > 0 ? Math.max(0, t.responseEnd - t.responseStart) : 0,
        }
      : { blocked: 0, dns: 0, connect: 0, ssl: 0, send: 0, wait: 0, receive: 0 };
    const round = (n: number): number => Math.round(n);
    const contentType = headers.find((x) => x.name.toLowerCase() === 'content-type')?.value;
    const entry: HarEntry = {
      startedDateTime: harDate(h.sent.timestamp),
      request: {
        bodySize: req.bodySize ?? 0,
        method: req.method,
        url: req.url,
        httpVersion: res?.protocol ? res.protocol.toUpperCase() : 'HTTP/1.1',
        headers: req.headers,
        cookies: req.cookies,
        queryString: queryStringOf(req.url),
        headersSize: req.headersSize > 0 ? req.headersSize : headBytes(`${req.method} ${pathOf(req.url)} HTTP/1.1`, req.headers),
      },
      response: {
        status: res?.status ?? 0,
        statusText: res?.statusText ?? '',
        httpVersion: res?.protocol ? res.protocol.toUpperCase() : '',
        headers,
        cookies: parseSetCookies(headers),
        content: {
          mimeType: res?.mimeType || contentType || '',
          size: res?.contentSize ?? -1,
          comment: 'Response bodies are not included.',
        },
        redirectURL: headers.find((x) => x.name.toLowerCase() === 'location')?.value ?? '',
        headersSize: res ? (res.headersSize !== null && res.headersSize > 0 ? res.headersSize : headBytes(`HTTP/1.1 ${res.status} ${res.statusText}`, headers)) : -1,
        bodySize: res?.bodySize ?? -1,
      },
      cache: {},
      timings: {
        blocked: round(timings.blocked),
        dns: round(timings.dns),
        connect: round(timings.connect),
        ssl: round(timings.ssl),
        send: round(timings.send),
        wait: round(timings.wait),
        receive: round(timings.receive),
      },
      time: 0,
      _securityState: 'insecure',
      pageref: 'page_1',
    };
    entry.time = [entry.timings.blocked, entry.timings.dns, entry.timings.connect, entry.timings.send, entry.timings.wait, entry.timings.receive].reduce(
      (s, x) => s + Math.max(0, x),
      0,
    );
    if (res) {
      // BiDi does not say which address Firefox connected to; an IP-literal host tells us, a
      // name like localhost (127.0.0.1 or ::1) does not, so it is left out as Firefox does when
      // it has no remote address.
      try {
        const u = new URL(req.url);
        const host = u.hostname.replace(/^\[|\]$/g, '');
        if (/^[\d.]+$/.test(host) || host.includes(':')) entry.serverIPAddress = host;
        entry.connection = u.port || '80';
      } catch {
        // not a URL: leave the connection fields out
      }
    }
    return entry;
  }
}
