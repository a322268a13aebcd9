/**
 * Comparing a CLI report with the oracle: the exchanges read out of a report, every disagreement
 * with the browser as a mismatch row, the prediction a report makes for the other browser, and
 * the plain-text mismatch table.
 */
import type { OracleFetch } from './oracle.ts';

/** What the differential test reads from one report exchange (the report is read as unknown data). */
export interface ReportedExchange {
  url: string;
  method: string;
  outcome: string | null;
  chromiumCorsError: string | null;
  chromiumFailedParameter: string | null;
  firefoxReason: string | null;
  /** The report's reason code (`blocked-cause-not-visible` when it says the cause is unknown). */
  code?: string | null;
  /** The codes of the report's inferred facts (`inferred[].code`), never their wording. */
  factCodes?: readonly string[];
  /** True when the report says Chromium and Firefox decide differently. */
  browsersDisagree?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Pulls `exchanges[]` out of a report (`analyzeHar` result or the CLI's JSON). */
export function reportedExchanges(report: unknown): ReportedExchange[] {
  if (!isRecord(report) || !Array.isArray(report.exchanges)) {
    throw new Error('report has no exchanges[] array');
  }
  return report.exchanges.map((x: unknown, i) => {
    if (!isRecord(x) || !isRecord(x.request) || !isRecord(x.verdict)) {
      throw new Error(`report exchanges[${i}] lacks request/verdict`);
    }
    return {
      url: str(x.request.url) ?? '',
      method: str(x.request.method) ?? '',
      outcome: str(x.verdict.outcome),
      chromiumCorsError: str(x.verdict.chromiumCorsError),
      chromiumFailedParameter: str(x.verdict.chromiumFailedParameter),
      firefoxReason: str(x.verdict.firefoxReason),
      code: str(x.verdict.code),
      browsersDisagree: x.verdict.browsersDisagree === true,
      factCodes: Array.isArray(x.inferred) ? x.inferred.flatMap((f: unknown) => (isRecord(f) && typeof f.code === 'string' ? [f.code] : [])) : [],
    };
  });
}

export interface Mismatch {
  scenario: string;
  /** The step, or -1 for an exchange that matches no step. */
  step: number;
  url: string;
  field: 'exchange' | 'outcome' | 'chromiumCorsError' | 'chromiumFailedParameter' | 'firefoxReason';
  expected: string;
  got: string;
}

const show = (v: string | null | undefined): string => (v === null || v === undefined ? 'null' : JSON.stringify(v));

/** The report exchange for an oracle fetch: the n-th exchange whose first URL is the fetch's. */
export function findExchange(exchanges: readonly ReportedExchange[], url: string, occurrence: number): ReportedExchange | undefined {
  return exchanges.filter((x) => x.url === url)[occurrence];
}

/** Every disagreement between the report and the browser for the given oracle fetches. */
export function compareWithOracle(
  exchanges: readonly ReportedExchange[],
  fetches: readonly OracleFetch[],
  browser: 'chromium' | 'firefox',
): Mismatch[] {
  return [...compareFetches(fetches, browser, (f) => findExchange(exchanges, f.url, f.occurrence)), ...extraExchanges(exchanges, fetches)];
}

/**
 * Every disagreement between the browser's oracle and what `exchangeFor` reports for each of its
 * fetches (undefined: the report has no exchange for it).
 */
export function compareFetches(
  fetches: readonly OracleFetch[],
  browser: 'chromium' | 'firefox',
  exchangeFor: (f: OracleFetch) => ReportedExchange | undefined,
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const f of fetches) {
    const base = { scenario: f.scenario, step: f.step, url: f.url };
    const x = exchangeFor(f);
    if (!f.observed) {
      // The browser refused it before any request existed: no network event, so no HAR entry,
      // and the report must not invent an exchange for it.
      if (x) out.push({ ...base, field: 'exchange', expected: 'no exchange (the browser logged no request)', got: `an exchange (${show(x.outcome)})` });
      continue;
    }
    if (!x) {
      out.push({ ...base, field: 'exchange', expected: `an exchange for ${f.method} ${f.url} (#${f.occurrence + 1})`, got: 'none' });
      continue;
    }
    if (x.outcome !== f.outcome) out.push({ ...base, field: 'outcome', expected: f.outcome, got: show(x.outcome) });
    if (browser === 'chromium') {
      const want = f.chromium ?? null;
      if (x.chromiumCorsError !== (want?.corsError ?? null)) {
        out.push({ ...base, field: 'chromiumCorsError', expected: show(want?.corsError ?? null), got: show(x.chromiumCorsError) });
      } else if (want && want.failedParameter !== '' && x.chromiumFailedParameter !== want.failedParameter) {
        out.push({ ...base, field: 'chromiumFailedParameter', expected: show(want.failedParameter), got: show(x.chromiumFailedParameter) });
      }
    } else {
      const want = f.firefox?.reason ?? null;
      if (x.firefoxReason !== want) out.push({ ...base, field: 'firefoxReason', expected: show(want), got: show(x.firefoxReason) });
    }
  }
  return out;
}

// ─────────────────────────────── predicting the other browser ───────────────────────────────

/**
 * The outcome a report predicts for the browser that did not record the HAR: `verdict.outcome` is
 * the recorder's, and `browsersDisagree` says whether the other browser decides the other way.
 * `not-cors` holds for both (the classification does not depend on the browser).
 */
export function predictedOutcome(x: ReportedExchange): string | null {
  if (x.outcome !== 'allowed' && x.outcome !== 'blocked') return x.outcome;
  return (x.outcome === 'allowed') !== (x.browsersDisagree === true) ? 'allowed' : 'blocked';
}

/** A lab step's identity across runs (URLs differ by run id; scenario and step do not). */
const stepKey = (f: Pick<OracleFetch, 'scenario' | 'step'>): string => `${f.scenario}#${f.step}`;

/**
 * Reads a report of one browser's recording as a prediction for another run of the same lab (in
 * the other browser): for an oracle fetch of that run, the recorder's exchange for the same
 * scenario and step, with `outcome` replaced by the outcome predicted for the other browser.
 * Undefined when the recorder's browser made no request for that step (nothing in its HAR).
 * Pass it to `compareFetches` with the other browser's oracle rows.
 */
export function predictionsFrom(
  exchanges: readonly ReportedExchange[],
  recorderFetches: readonly OracleFetch[],
): (other: OracleFetch) => ReportedExchange | undefined {
  const byStep = new Map(recorderFetches.map((f) => [stepKey(f), f]));
  return (other) => {
    const own = byStep.get(stepKey(other));
    const x = own?.observed ? findExchange(exchanges, own.url, own.occurrence) : undefined;
    return x && { ...x, outcome: predictedOutcome(x) };
  };
}

/**
 * Exchanges the report made up: one exchange per fetch, so an exchange whose first URL belongs to
 * a scenario (`/s/<id>/…`) but is not one of its fetches' first URLs (or comes more often than
 * the fetches) means the HAR reader split a fetch, or turned a preflight into an exchange.
 */
function extraExchanges(exchanges: readonly ReportedExchange[], fetches: readonly OracleFetch[]): Mismatch[] {
  const out: Mismatch[] = [];
  for (const id of new Set(fetches.map((f) => f.scenario))) {
    const want = new Map<string, number>();
    for (const f of fetches) if (f.scenario === id && f.observed) want.set(f.url, (want.get(f.url) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const x of exchanges) {
      if (!x.url.includes(`/s/${id}/`)) continue;
      const n = (seen.get(x.url) ?? 0) + 1;
      seen.set(x.url, n);
      if (n > (want.get(x.url) ?? 0)) {
        out.push({ scenario: id, step: -1, url: x.url, field: 'exchange', expected: 'no such exchange (not a fetch of the scenario)', got: `${x.method} exchange, outcome ${show(x.outcome)}` });
      }
    }
  }
  return out;
}

/** A plain-text table: one row per mismatch. */
export function formatMismatchTable(rows: readonly Mismatch[]): string {
  if (rows.length === 0) return '(no mismatches)';
  const head = ['scenario', 'step', 'field', 'expected (browser)', 'got (report)', 'url'];
  const body = rows.map((r) => [r.scenario, r.step < 0 ? '-' : String(r.step), r.field, r.expected, r.got, r.url]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}
