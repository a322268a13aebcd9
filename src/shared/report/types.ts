/**
 * Report JSON, schema version 3 — the document `cors-inspector analyze --format json` prints and
 * the panel's Export writes. Plain data; documented field by field in `docs/report-format.md`.
 * Additive changes keep the version; renaming or removing a field, or changing what one means,
 * bumps it. Version 2: values may be redacted (`redacted`), and each exchange carries its curl
 * commands and the raw headers of every leg. Version 3: `fix.server`, the structured server fix
 * (which response gets which header), replaces the flat `fix.headers`.
 */
import type { ChromiumCorsError, FirefoxReason, ReasonCode } from '../cors/codes.ts';
import type { CookieCredentialsEvidence, HttpHeader, Recorder } from '../model/exchange.ts';
import type { CookieSetting } from '../cookies/capture.ts';
import type { CookieProvenance } from '../cookies/jar.ts';
import type { CookieBlockedReason, CookieNote, FirefoxCookieKey, SetCookieBlockedReason } from '../cookies/reasons.ts';
import type { FirefoxWithheldReason } from '../cookies/send.ts';
import type { Check, Classification, InferredFact, Warning } from '../cors/verdict.ts';
import type { ServerChange } from '../cors/fix/types.ts';

export const REPORT_SCHEMA_VERSION = 3;

export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly generator: ReportGenerator;
  readonly source: ReportSource;
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
  /** True when credentials were replaced by `[REDACTED-length-hash]` markers (the default). */
  readonly redacted: boolean;
  /** `blocked` when `exchanges` lists only blocked exchanges; `summary` still counts all. */
  readonly only: 'blocked' | null;
  readonly summary: ReportSummary;
  /** The third-party-cookie setting the `cookies` rows were decided under, and how it is known. */
  readonly cookieSetting: CookieSetting;
  /** In request order. */
  readonly exchanges: readonly ReportExchange[];
}

export interface ReportGenerator {
  readonly name: string;
  readonly version: string;
}

export interface ReportSource {
  readonly kind: 'har' | 'extension';
  /** The browser whose decisions `verdict.outcome` reports. */
  readonly recorder: Recorder;
  /** The HAR file's name as given on the command line. */
  readonly file?: string;
  /** HAR `log.creator` (`WebInspector` / `Firefox` and version). */
  readonly creator?: { readonly name: string; readonly version: string };
}

export interface ReportSummary {
  readonly exchanges: number;
  readonly blocked: number;
  readonly allowed: number;
  readonly notCors: number;
}

export interface ReportExchange {
  /** Stable within the report (HAR: index of the exchange's first entry). */
  readonly id: string;
  readonly request: ReportRequest;
  /** One per URL of the redirect chain, first to last. */
  readonly hops: readonly ReportHop[];
  readonly verdict: ReportVerdict;
  /** What each browser prints in its console (or would print); null when it allows the exchange. */
  readonly consoleMessages: { readonly chromium: string | null; readonly firefox: string | null };
  readonly classification: ReportClassification;
  /** The ordered checklist, passes included. */
  readonly checks: readonly Check[];
  readonly warnings: readonly Warning[];
  /** Facts inferred rather than observed (credentials mode, preflight cache hits, …). */
  readonly inferred: readonly InferredFact[];
  /** Why it failed; null unless `verdict.outcome` is `blocked`. */
  readonly explanation: ReportExplanation | null;
  /** How to fix it; null unless `verdict.outcome` is `blocked`. */
  readonly fix: ReportFix | null;
  /** The preflight of the first hop that had one. */
  readonly preflight: ReportPreflight | null;
  /** bash commands that reproduce the exchange (src/shared/handoff), redacted with the report. */
  readonly curl: ReportCurl;
  /** The cookies of the final hop, decided by the simulated jar (src/shared/cookies). Names and attributes, never values. */
  readonly cookies: ReportCookies;
}

export interface ReportCookies {
  /** One row per cookie the browser considered for the final request. */
  readonly request: readonly ReportRequestCookie[];
  /** One row per `Set-Cookie` line of the final response. */
  readonly response: readonly ReportResponseCookie[];
  /** The rows under the other third-party setting, when the recording does not tell which and they differ. */
  readonly otherReading: { readonly request: readonly ReportRequestCookie[]; readonly response: readonly ReportResponseCookie[] } | null;
  /** What the jar says about the credentials mode. */
  readonly credentials: CookieCredentialsEvidence;
}

interface ReportCookieRow {
  readonly name: string;
  /** Chromium's reasons, CDP's names (`Network.CookieBlockedReason` / `SetCookieBlockedReason`); [] when it went through, and in a Firefox recording. */
  readonly blockedReasons: readonly string[];
  /** Firefox's reasons (its console keys; for a withheld cookie the engine's codes, Firefox logs none); [] in a Chromium recording. */
  readonly firefoxReasons: readonly string[];
  /** Facts no browser reports (`CredentialsNotIncluded`, `PredatesRecording`, …). */
  readonly notes: readonly CookieNote[];
  readonly provenance: CookieProvenance;
}

export interface ReportRequestCookie extends ReportCookieRow {
  readonly sent: boolean;
  readonly blockedReasons: readonly CookieBlockedReason[];
  readonly firefoxReasons: readonly FirefoxWithheldReason[];
  /** The response that set it, when the recording holds it: URL, time and the line's attributes. */
  readonly setBy: { readonly url: string; readonly at: string | null; readonly attributes: readonly string[] } | null;
}

export interface ReportResponseCookie extends ReportCookieRow {
  readonly stored: boolean;
  readonly blockedReasons: readonly SetCookieBlockedReason[];
  readonly firefoxReasons: readonly FirefoxCookieKey[];
  /** The line's attributes as written (`Path=/`, `SameSite=None`, `Secure`), without its value. */
  readonly attributes: readonly string[];
}

export interface ReportCurl {
  /** The preflight (observed, or rebuilt for a cache hit and said so); null when there was none. */
  readonly preflight: string | null;
  /** The actual request of the first hop, as sent. */
  readonly request: string | null;
}

export interface ReportRequest {
  /** The first URL (redirect hops are in `hops`). */
  readonly url: string;
  readonly method: string;
  readonly initiatorOrigin: string | null;
  readonly resourceType: string | null;
  /** ISO 8601, null when the recording has no time. */
  readonly startedAt: string | null;
}

export interface ReportHop {
  readonly url: string;
  readonly method: string;
  /** Response status; null when no response arrived. */
  readonly status: number | null;
  readonly statusText: string | null;
  /** The `Location` of a redirect hop. */
  readonly location: string | null;
  readonly preflight: ReportPreflight | null;
  /** Request header lines as recorded, in order. */
  readonly requestHeaders: readonly HttpHeader[];
  /** The request never went on the wire: only the headers the browser had prepared are known. */
  readonly requestHeadersProvisional: boolean;
  /** Response header lines as recorded; null when no response arrived. */
  readonly responseHeaders: readonly HttpHeader[] | null;
}

export interface ReportVerdict {
  /** As decided by the browser that recorded the exchange (Chromium when unknown). */
  readonly outcome: 'allowed' | 'blocked' | 'not-cors';
  /** One line: "Preflight: Allow-Headers lacks content-type". */
  readonly summary: string;
  readonly code: ReasonCode | null;
  /** CDP `Network.CorsError` Chromium reports or would report; null when Chromium allows it. */
  readonly chromiumCorsError: ChromiumCorsError | null;
  /** CDP `corsErrorStatus.failedParameter`. */
  readonly chromiumFailedParameter: string | null;
  /** Firefox's reason (`CORSMissingAllowOrigin`); null when Firefox allows it. */
  readonly firefoxReason: FirefoxReason | null;
  readonly browsersDisagree: boolean;
  /** The browser's own error text from the recording (`net::ERR_FAILED`), when present. */
  readonly observedError: string | null;
}

export interface ReportClassification {
  readonly kind: Classification['kind'];
  readonly origin: string | null;
  readonly preflightNeeded: boolean;
  /** Why a preflight was needed, in words ("method PUT", "header content-type: application/json"). */
  readonly preflightTriggers: readonly string[];
}

export interface ReportExplanation {
  /** Imperative or descriptive title ("No Access-Control-Allow-Origin header"). */
  readonly title: string;
  /** What happened and why the browser refused (Markdown inline code allowed). */
  readonly text: string;
  /** MDN's page for the matching Firefox reason, when there is one. */
  readonly learnMoreUrl: string | null;
}

/**
 * One change to one response (`ServerChange`): `OPTIONS` + `url` is that URL's preflight answer;
 * any other method + `url` is the response to that request (the request itself or a redirect hop).
 */
export type ReportServerChange = ServerChange;

export interface ReportFix {
  /**
   * The changes that make both browsers allow the exchange, and keep allowing what the same server
   * allowed in the recording: each replaces same-named headers of one response (and its status,
   * when `status` is given). Null when no server change can fix it; `note` then says what must change.
   */
  readonly server: readonly ReportServerChange[] | null;
  /** What else to do or check; when `server` is null, what must change instead. */
  readonly note: string | null;
  /** Server configuration examples keyed by framework (`express`, `nginx`, …); empty when `server` is null. */
  readonly snippets: Readonly<Record<string, string>>;
}

export interface ReportPreflight {
  /** Served from the CORS-preflight cache: no preflight went on the wire. */
  readonly fromCache: boolean;
  /** Inferred rather than observed (every cache hit is). */
  readonly inferred: boolean;
  readonly url: string;
  /** Status of the observed preflight; null for a cache hit or a network failure. */
  readonly status: number | null;
  /** `Access-Control-Max-Age` as the server sent it; null when absent or not an integer. */
  readonly maxAgeSeconds: number | null;
  /** How long each browser keeps the entry after its own rules (defaults and caps). */
  readonly effectiveLifetimeSeconds: { readonly chromium: number; readonly firefox: number } | null;
  /** For a cache hit: how long the entry still had to live when the request started. */
  readonly remainingSeconds: number | null;
  /** For a cache hit: the exchange whose preflight created the entry. */
  readonly sourceExchangeId: string | null;
  /** The observed preflight's request header lines; null for a cache hit. */
  readonly requestHeaders: readonly HttpHeader[] | null;
  /** The preflight's response header lines (for a cache hit, the answer that created the entry); null when none is known. */
  readonly responseHeaders: readonly HttpHeader[] | null;
}
