/**
 * What the filter, the sort and the list's cells read of one record, computed once per record
 * (cached by the derived state) and cheap: no prose, no URL objects.
 */
import type { LogRecord } from '../../shared/protocol/messages.ts';
import type { RequestInitiator } from '../../shared/model/initiator.ts';
import { hasHeader } from '../../shared/http/headers.ts';
import { splitUrl } from '../../shared/http/url.ts';
import { exchangeSegments, spanOf } from './timing.ts';

export type RowStatus = 'allowed' | 'blocked' | 'not-cors' | 'pending';
export type Badge = 'preflight' | 'preflight-cached' | 'redirect' | 'credentials' | 'cookie-problem' | 'warning';

export interface FilterFields {
  readonly status: RowStatus;
  readonly method: string;
  /** `scheme://host:port` of the requested URL, lower-cased. */
  readonly targetOrigin: string;
  readonly initiatorOrigin: string | null;
  /** Codes a `code:` filter matches: the reason code, Chromium CorsError, Firefox reason. */
  readonly codes: readonly string[];
  /** Lower-cased URLs of every leg, one per line, for free-text filtering. */
  readonly searchText: string;
  /** Every leg's URL as requested (a `/regex/` is tested against each). */
  readonly urls: readonly string[];
  /** Every leg's host name, lower-cased, without the port (`domain:`). */
  readonly hosts: readonly string[];
  /** Every leg's scheme without the colon (`scheme:`). */
  readonly schemes: readonly string[];
  /** Every leg's response status (`status-code:`). */
  readonly statusCodes: readonly number[];
  /** The last response's status, null when no response came (the Status column). */
  readonly httpStatus: number | null;
  /** The resource type as the recorder named it (`xmlhttprequest`, `fetch`, `image`, …). */
  readonly type: string;
  readonly initiator: RequestInitiator | null;
  /** From the first request to the last response, ms; null when untimed or unfinished. */
  readonly duration: number | null;
  /** A cookie was withheld or refused by a rule (./cookies.ts decides it over the whole log). */
  readonly cookieProblem: boolean;
  readonly badges: readonly Badge[];
}

/** The host name of a `scheme://host:port` origin (IPv6 brackets kept), without userinfo and port. */
export function hostOfOrigin(origin: string): string {
  const authority = origin.slice(origin.indexOf('://') + 3);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

export function rowStatus(record: LogRecord): RowStatus {
  if (record.pending) return 'pending';
  return record.verdict.outcome;
}

/** Warnings about our own uncertainty, not the server: shown in the details, not as a list badge. */
const QUIET_WARNINGS: ReadonlySet<string> = new Set(['credentials-mode-inferred']);

export function badgesOf(record: LogRecord, cookieProblem = false): Badge[] {
  const { exchange, verdict } = record;
  const badges: Badge[] = [];
  if (exchange.legs.some((leg) => leg.preflight?.kind === 'observed')) badges.push('preflight');
  if (exchange.legs.some((leg) => leg.preflight?.kind === 'cache-hit')) badges.push('preflight-cached');
  if (exchange.legs.length > 1) badges.push('redirect');
  const first = exchange.legs[0];
  const inferredInclude = verdict !== undefined && verdict.checks.some((c) => c.id === 'request.credentials' && c.observed === 'include');
  if (exchange.credentialsMode === 'include' || inferredInclude || (first !== undefined && hasHeader(first.request.headers, 'cookie'))) {
    badges.push('credentials');
  }
  if (cookieProblem) badges.push('cookie-problem');
  if (verdict?.warnings.some((w) => !QUIET_WARNINGS.has(w.code)) === true) badges.push('warning');
  return badges;
}

/** `cookieProblem`: whether the log's cookie jar found one for this record (the record alone cannot say). */
export function filterFields(record: LogRecord, cookieProblem = false): FilterFields {
  const { exchange, verdict } = record;
  const first = exchange.legs[0];
  const codes: string[] = [];
  // An exchange in flight is not judged yet (the worker evaluates it once settled): no codes.
  if (verdict !== undefined) {
    if (verdict.code !== null) codes.push(verdict.code);
    if (verdict.chromium.corsError !== null) codes.push(verdict.chromium.corsError);
    if (verdict.firefox.firefoxReason !== null) codes.push(verdict.firefox.firefoxReason);
  }
  let searchText = '';
  const urls: string[] = [];
  const hosts: string[] = [];
  const schemes: string[] = [];
  const statusCodes: number[] = [];
  let httpStatus: number | null = null;
  for (const leg of exchange.legs) {
    const url = leg.request.url;
    searchText += `${url.toLowerCase()}\n`;
    urls.push(url);
    const { origin } = splitUrl(url);
    hosts.push(hostOfOrigin(origin));
    schemes.push(origin.slice(0, Math.max(0, origin.indexOf(':'))));
    httpStatus = leg.response?.status ?? null;
    if (leg.response) statusCodes.push(leg.response.status);
  }
  const span = record.pending ? null : spanOf(exchangeSegments(exchange));
  return {
    status: rowStatus(record),
    method: first?.request.method ?? '',
    targetOrigin: splitUrl(first?.request.url ?? '').origin,
    initiatorOrigin: exchange.initiatorOrigin ?? verdict?.classification.origin ?? null,
    codes,
    searchText,
    urls,
    hosts,
    schemes,
    statusCodes,
    httpStatus,
    type: exchange.resourceType ?? 'other',
    initiator: record.initiator ?? null,
    duration: span === null || span.end <= span.start ? null : span.end - span.start,
    cookieProblem,
    badges: badgesOf(record, cookieProblem),
  };
}
