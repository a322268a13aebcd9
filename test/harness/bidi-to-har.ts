/**
 * The Firefox recorder's hops (BiDi events + the lab's wire log) → a HAR shaped like Firefox
 * DevTools' "Save All As HAR" (devtools/client/netmonitor/src/har/har-builder.js). The recorder
 * (bidi-har.ts) collects the events.
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
import type { BidiHop } from './bidi-events.ts';
import { parseSetCookies, queryStringOf, type Har, type HarEntry, type HarNameValue } from './har.ts';

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

/** The HAR Firefox DevTools would save for `recorded` (hops in the order Firefox started them). */
export function firefoxHar(recorded: readonly BidiHop[], opts: { version: string; pageUrl: string }): Har {
  const hops = recorded.filter((h) => /^https?:/.test(h.sent.request.url));
  const entries = hops.map((h) => harEntry(h));
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

function harEntry(h: BidiHop): HarEntry {
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
