/**
 * The HAR 1.2 shapes both recorders write (with Chrome's and Firefox's `_` extensions), and the
 * small helpers that fill or combine them: query strings, `Set-Cookie` lines, merged logs.
 */

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  expires?: string | null;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
}

export interface HarPostData {
  mimeType: string;
  text: string;
  params?: HarNameValue[];
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  headers: HarNameValue[];
  queryString: HarNameValue[];
  cookies: HarCookie[];
  headersSize: number;
  bodySize: number;
  postData?: HarPostData;
}

export interface HarContent {
  size: number;
  mimeType: string;
  compression?: number;
  text?: string;
  encoding?: string;
  comment?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: HarNameValue[];
  cookies: HarCookie[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  /** Chrome: bytes on the wire. */
  _transferSize?: number;
  /** Chrome: the network error (`net::ERR_FAILED`), null when the request succeeded. */
  _error?: string | null;
  _fetchedViaServiceWorker?: boolean;
}

export interface HarTimings {
  blocked: number;
  dns: number;
  ssl?: number;
  connect: number;
  send: number;
  wait: number;
  receive: number;
  _blocked_queueing?: number;
}

/** Chrome's `_initiator` (a copy of CDP `Network.Initiator`). */
export interface HarInitiator {
  type: string;
  url?: string;
  requestId?: string;
  lineNumber?: number;
  stack?: unknown;
}

export interface HarEntry {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  // Chrome-specific
  _initiator?: HarInitiator | null;
  _priority?: string | null;
  _resourceType?: string;
  _fromCache?: 'memory' | 'disk';
  _connectionId?: string;
  // Firefox-specific
  _securityState?: string;
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: { onContentLoad?: number; onLoad?: number };
}

export interface Har {
  log: {
    version: string;
    creator: { name: string; version: string };
    browser?: { name: string; version: string };
    pages: HarPage[];
    entries: HarEntry[];
  };
}

/** `name: value` pairs → HAR query string. */
export function queryStringOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** Parses `Set-Cookie` lines into HAR cookies (name, value and the usual attributes). */
export function parseSetCookies(headers: readonly HarNameValue[]): HarCookie[] {
  const out: HarCookie[] = [];
  for (const h of headers) {
    if (h.name.toLowerCase() !== 'set-cookie') continue;
    for (const line of h.value.split('\n')) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const cookie: HarCookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() };
      for (const a of attrs) {
        const [k = '', ...v] = a.split('=');
        const key = k.trim().toLowerCase();
        const val = v.join('=').trim();
        if (key === 'path') cookie.path = val;
        else if (key === 'domain') cookie.domain = val;
        else if (key === 'expires') cookie.expires = val;
        else if (key === 'httponly') cookie.httpOnly = true;
        else if (key === 'secure') cookie.secure = true;
        else if (key === 'samesite') cookie.sameSite = val;
      }
      out.push(cookie);
    }
  }
  return out;
}

/**
 * One HAR from several recordings of the same browser (one per page load / browser setup), as
 * DevTools writes a log that was preserved across page loads: every page listed, entries in start
 * order, each still pointing at its page.
 */
export function mergeHars(hars: readonly Har[]): Har {
  const [first] = hars;
  if (!first) throw new Error('mergeHars: nothing to merge');
  const entries = hars.flatMap((h) => h.log.entries);
  const at = (e: HarEntry): number => Date.parse(e.startedDateTime);
  const order = new Map(entries.map((e, i) => [e, i]));
  entries.sort((a, b) => at(a) - at(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return {
    log: {
      ...first.log,
      pages: hars.flatMap((h) => h.log.pages),
      entries,
    },
  };
}
