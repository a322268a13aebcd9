/**
 * What CDP says about a page's network: the subset of CDP `Network.*` and `Audits.*` payloads the
 * Chromium recorder uses (structurally compatible with Playwright's Protocol types), and the
 * record it keeps per requestId.
 */
import type { ChromiumCorsStatus } from './oracle.ts';

export type CdpHeaders = Record<string, string>;

export interface CdpTiming {
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

export interface CdpRequest {
  url: string;
  method: string;
  headers: CdpHeaders;
  postData?: string;
  hasPostData?: boolean;
  postDataEntries?: { bytes?: string }[];
  initialPriority?: string;
}

export interface CdpResponse {
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

export interface CdpInitiator {
  type: string;
  url?: string;
  lineNumber?: number;
  requestId?: string;
  stack?: unknown;
}

export interface RequestWillBeSent {
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

export interface CdpCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: string;
}

export interface RequestExtraInfo {
  requestId: string;
  associatedCookies: { blockedReasons: readonly string[]; cookie: CdpCookie }[];
  headers: CdpHeaders;
}

export interface ResponseExtraInfo {
  requestId: string;
  headers: CdpHeaders;
  statusCode: number;
  headersText?: string;
}

export interface ResponseReceived {
  requestId: string;
  timestamp: number;
  type: string;
  response: CdpResponse;
  hasExtraInfo?: boolean;
}

export interface LoadingFinished {
  requestId: string;
  timestamp: number;
  encodedDataLength: number;
}

export interface LoadingFailed {
  requestId: string;
  timestamp: number;
  type: string;
  errorText: string;
  canceled?: boolean;
  blockedReason?: string;
  corsErrorStatus?: ChromiumCorsStatus;
}

/** `Audits.issueAdded` for a CorsIssue: how Chromium reports a fetch it refused before any request existed. */
export interface CorsIssue {
  url: string;
  corsErrorStatus: ChromiumCorsStatus;
  isWarning: boolean;
}

export interface DataReceived {
  requestId: string;
  dataLength: number;
}

export interface Hop {
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
