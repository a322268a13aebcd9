/**
 * What one list row shows, computed once per record and cached by the store's derived state.
 */
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { hasHeader } from '../../shared/http/headers.ts';
import { splitUrl } from '../../shared/http/url.ts';
import { shortVerdict } from './short-verdict.ts';

export type RowStatus = 'allowed' | 'blocked' | 'not-cors' | 'pending';
export type Badge = 'preflight' | 'preflight-cached' | 'redirect' | 'credentials' | 'warning';

/** What the filter reads: cheap to compute for every record (no URL parsing, no prose). */
export interface FilterFields {
  readonly status: RowStatus;
  readonly method: string;
  /** `scheme://host:port` of the requested URL. */
  readonly targetOrigin: string;
  readonly initiatorOrigin: string | null;
  /** Codes a `code:` filter matches: the reason code, Chromium CorsError, Firefox reason. */
  readonly codes: readonly string[];
  /** Lower-cased URLs of every leg, for free-text filtering. */
  readonly searchText: string;
}

/** What one list row shows; computed only for rows that are rendered. */
export interface RowSummary extends FilterFields {
  readonly id: string;
  readonly url: string;
  /** Path, query and fragment of the requested URL (emphasised in the row). */
  readonly path: string;
  readonly verdictText: string;
  readonly badges: readonly Badge[];
}

export function rowStatus(record: ExchangeRecord): RowStatus {
  if (record.pending) return 'pending';
  return record.verdict.outcome;
}

/** Warnings about our own uncertainty, not the server: shown in the details, not as a list badge. */
const QUIET_WARNINGS: ReadonlySet<string> = new Set(['credentials-mode-inferred']);

export function badgesOf(record: ExchangeRecord): Badge[] {
  const { exchange, verdict } = record;
  const badges: Badge[] = [];
  if (exchange.legs.some((leg) => leg.preflight?.kind === 'observed')) badges.push('preflight');
  if (exchange.legs.some((leg) => leg.preflight?.kind === 'cache-hit')) badges.push('preflight-cached');
  if (exchange.legs.length > 1) badges.push('redirect');
  const first = exchange.legs[0];
  const inferredInclude = verdict.checks.some((c) => c.id === 'request.credentials' && c.observed === 'include');
  if (exchange.credentialsMode === 'include' || inferredInclude || (first !== undefined && hasHeader(first.request.headers, 'cookie'))) {
    badges.push('credentials');
  }
  if (verdict.warnings.some((w) => !QUIET_WARNINGS.has(w.code))) badges.push('warning');
  return badges;
}

export function filterFields(record: ExchangeRecord): FilterFields {
  const { exchange, verdict } = record;
  const first = exchange.legs[0];
  const codes: string[] = [];
  if (verdict.code !== null) codes.push(verdict.code);
  if (verdict.chromium.corsError !== null) codes.push(verdict.chromium.corsError);
  if (verdict.firefox.firefoxReason !== null) codes.push(verdict.firefox.firefoxReason);
  let searchText = '';
  for (const leg of exchange.legs) searchText += `${leg.request.url.toLowerCase()}\n`;
  return {
    status: rowStatus(record),
    method: first?.request.method ?? '',
    targetOrigin: splitUrl(first?.request.url ?? '').origin,
    initiatorOrigin: exchange.initiatorOrigin ?? verdict.classification.origin,
    codes,
    searchText,
  };
}

export function summarize(record: ExchangeRecord, fields: FilterFields = filterFields(record)): RowSummary {
  const url = record.exchange.legs[0]?.request.url ?? '';
  return {
    ...fields,
    id: record.id,
    url,
    path: splitUrl(url).path,
    verdictText: shortVerdict(record),
    badges: badgesOf(record),
  };
}
