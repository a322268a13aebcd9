/**
 * What WebDriver BiDi says about a page's network: the subset of `network.*` event payloads the
 * Firefox recorder uses, parsed from unknown, and the hop (one URL of one request) it keeps.
 */
import type { WireEntry } from '../../lab/server.ts';
import type { HarNameValue } from './har.ts';

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

export interface BidiNetworkEvent {
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

export function parseEvent(method: BidiNetworkEvent['method'], p: unknown): BidiNetworkEvent | null {
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

export const EVENTS = ['network.beforeRequestSent', 'network.responseStarted', 'network.responseCompleted', 'network.fetchError'] as const;
