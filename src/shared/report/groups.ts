/**
 * Grouping for the human-readable reports (text, Markdown, HTML): ten identical failures are one
 * section listing ten URLs. Failures group by the origin the browser checked, the reason and the
 * fix (the same changes, each at its own URL, and the same note); warnings by code and wording.
 */
import type { Warning } from '../cors/verdict.ts';
import type { Report, ReportExchange } from './types.ts';
import type { ReportParts } from './build.ts';

export interface FailureGroup {
  /** The first exchange of the group: its checklist, explanation and fix stand for all. */
  readonly first: ReportExchange;
  /** Every exchange of the group, in report order (the first included). */
  readonly exchanges: readonly ReportExchange[];
}

export interface WarningGroup {
  readonly warning: Warning;
  readonly exchanges: readonly ReportExchange[];
}

/**
 * The fix's shape without its URLs: each change's response named by its place in the exchange
 * (hop index, or `next` for the hop a redirect leads to), so ten URLs with the same failure and
 * the same change at each are one group.
 */
function fixShape(x: ReportExchange): unknown {
  const server = x.fix?.server;
  if (server === undefined || server === null) return null;
  return server.map((c) => [c.method, x.hops.findIndex((hop) => hop.url === c.url), c.status ?? null, c.headers, c.unrecorded === true]);
}

function failureKey(x: ReportExchange): string {
  return JSON.stringify([x.classification.origin, x.verdict.code, x.verdict.summary, fixShape(x), x.fix?.note ?? null]);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return [...groups.values()];
}

/** Blocked exchanges, grouped by origin, reason and fix, in order of first appearance. */
export function failureGroups(exchanges: readonly ReportExchange[]): FailureGroup[] {
  const blocked = exchanges.filter((x) => x.verdict.outcome === 'blocked');
  return groupBy(blocked, failureKey).flatMap((group) => (group[0] === undefined ? [] : [{ first: group[0], exchanges: group }]));
}

/**
 * Warnings of exchanges that were not blocked (a blocked one's warnings are shown with its
 * failure): a reflected origin with credentials is a finding even when nothing failed.
 */
export function warningGroups(exchanges: readonly ReportExchange[]): WarningGroup[] {
  const pairs = exchanges
    .filter((x) => x.verdict.outcome !== 'blocked')
    .flatMap((x) => x.warnings.map((warning) => ({ warning, exchange: x })));
  return groupBy(pairs, (p) => JSON.stringify([p.warning.code, p.warning.detail])).flatMap((group) =>
    group[0] === undefined ? [] : [{ warning: group[0].warning, exchanges: group.map((p) => p.exchange) }],
  );
}

/** The report with only its blocked exchanges (`--only blocked`); the summary still counts all. */
export function onlyBlocked(report: Report): Report {
  return { ...report, only: 'blocked', exchanges: report.exchanges.filter(isBlocked) };
}

/** `onlyBlocked` of a report whose rows are built as they are read (`reportParts`). */
export function onlyBlockedParts({ envelope, rows }: ReportParts): ReportParts {
  return {
    envelope: { ...envelope, only: 'blocked' },
    rows: (function* blocked() {
      for (const row of rows) if (isBlocked(row)) yield row;
    })(),
  };
}

function isBlocked(x: ReportExchange): boolean {
  return x.verdict.outcome === 'blocked';
}

/** The console message in the recording browser's own words (Firefox's when Firefox recorded it). */
export function recorderMessage(report: Report, x: ReportExchange): string | null {
  const { chromium, firefox } = x.consoleMessages;
  return report.source.recorder === 'firefox' ? (firefox ?? chromium) : (chromium ?? firefox);
}
