/**
 * The validated subset of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) the reader
 * uses, with the Chromium extensions it understands (`_resourceType`, `_initiator`, `_fromCache`,
 * `response._error`, `response._transferSize`; see devtools-frontend `front_end/models/har/Log.ts`).
 * Firefox writes plain HAR plus `_securityState`, which we do not need.
 */

export interface HarHeaderLine {
  readonly name: string;
  readonly value: string;
}

export interface HarInitiator {
  /** CDP `Network.Initiator.type`: `parser`, `script`, `preflight`, `other`, … */
  readonly type: string;
  readonly url?: string;
  /** For `preflight`: the CDP request id of the request that triggered it. */
  readonly requestId?: string;
}

export interface HarEntryRecord {
  /** Position in `log.entries`. */
  readonly index: number;
  /** `startedDateTime` in ms since the epoch; undefined when absent or unparsable. */
  readonly startedAt: number | undefined;
  /** When the response headers arrived (start + blocked + dns + connect + send + wait). */
  readonly receivedAt: number | undefined;
  readonly pageref: string | undefined;
  /** Chromium `_resourceType` (`fetch`, `xhr`, `preflight`, `document`, …). */
  readonly resourceType: string | undefined;
  readonly initiator: HarInitiator | undefined;
  /** Chromium `_fromCache`: `memory` or `disk` when served from the HTTP cache. */
  readonly fromCache: string | undefined;
  readonly request: {
    readonly method: string;
    readonly url: string;
    /** Header lines as recorded (pseudo-headers such as `:authority` included). */
    readonly headers: readonly HarHeaderLine[];
    /** `postData` (`text`, `mimeType`; `_encoding: "base64"` when a tool kept raw bytes). */
    readonly postData?: { readonly text: string; readonly mimeType: string; readonly encoding?: 'base64' };
  };
  readonly response: {
    /** 0 when the request failed or never got a response. */
    readonly status: number;
    readonly statusText: string;
    readonly headers: readonly HarHeaderLine[];
    /** `redirectURL` as recorded (the `Location` header; may be relative). */
    readonly redirectURL: string;
    /** Chromium `response._error` (`net::ERR_FAILED`, …); null when absent. */
    readonly error: string | null;
  };
}

export interface HarPage {
  readonly id: string;
  /** Chromium and current Firefox write the page URL here. */
  readonly title: string;
}

export interface HarDocument {
  readonly version: string;
  readonly creator: { readonly name: string; readonly version: string };
  readonly browser: { readonly name: string; readonly version: string } | undefined;
  readonly pages: readonly HarPage[];
  readonly entries: readonly HarEntryRecord[];
}
