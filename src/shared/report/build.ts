/**
 * `buildReport`: exchanges + the evaluator's verdicts → Report JSON (schema 3). Pure: the caller
 * supplies the clock (`generatedAt`) and the generator's name and version.
 */
import type { ExchangeLeg, ObservedExchange, Recorder } from '../model/exchange.ts';
import type { InferredFact, Verdict } from '../cors/verdict.ts';
import { getHeader } from '../http/headers.ts';
import { explainFromCatalog, type FixContext } from './explain.ts';
import { captureEvidence } from '../cors/fix/evidence.ts';
import { reportPreflight } from './preflight-info.ts';
import type {
  Report,
  ReportExchange,
  ReportExplanation,
  ReportFix,
  ReportGenerator,
  ReportHop,
  ReportSource,
  ReportSummary,
} from './types.ts';
import { REPORT_SCHEMA_VERSION } from './types.ts';
import { describeTrigger } from '../cors/content/describe-trigger.ts';
import { inferredFact } from '../cors/content/facts.ts';
import { verdictSummary } from './verdict-summary.ts';
import { preflightCommand, requestCommand } from '../handoff/commands.ts';
import { Redaction, redactExchange } from '../handoff/redact.ts';
import { scrubExchange } from './redact-report.ts';
import { captureCookies, settledCredentials, type CaptureCookieOptions } from '../cookies/capture.ts';
import { NO_COOKIES, reportCookies } from './cookie-rows.ts';
import { memoizedExplanations } from './explain-memo.ts';

/** Explanation and fix for a blocked exchange; null when there is none. `context` is what the whole capture tells the fix. */
export type ExplanationLookup = (
  exchange: ObservedExchange,
  verdict: Verdict,
  context: FixContext,
) => { readonly explanation: ReportExplanation; readonly fix: ReportFix } | null;

export interface ReportMeta {
  readonly generator: ReportGenerator;
  readonly source: ReportSource;
  /** When the report was made; `Date` or ISO 8601 text. */
  readonly generatedAt: Date | string;
  /** Where explanations come from; defaults to the evaluator's catalog (`EXPLANATIONS`). */
  readonly explain?: ExplanationLookup;
  /**
   * Credentials are redacted by default (an unsalted `Redaction`; callers pass one with a random
   * salt per report, see src/shared/handoff/redact.ts). `null` keeps real values.
   */
  readonly redaction?: Redaction | null;
  /** Options of the cookie jar simulated over the exchanges (the setting, when an API told it). */
  readonly cookieOptions?: Omit<CaptureCookieOptions, 'credentials'>;
  /** The evaluator's clock the verdicts were made with (ms since the epoch), for proving fixes the same way; defaults to `generatedAt`. */
  readonly now?: number;
}

function iso(time: number | undefined): string | null {
  return time === undefined || !Number.isFinite(time) ? null : new Date(time).toISOString();
}

function hopOf(leg: ExchangeLeg, recorder: Recorder): ReportHop {
  const response = leg.response;
  // Any 3xx, as docs/report-format.md says: the Location as sent, followed or not.
  const is3xx = response !== null && response.status >= 300 && response.status <= 399;
  return {
    url: leg.request.url,
    method: leg.request.method,
    status: response?.status ?? null,
    statusText: response?.statusText ?? null,
    location: is3xx ? getHeader(response.headers, 'location') : null,
    preflight: reportPreflight(leg, recorder),
    requestHeaders: leg.request.headers,
    requestHeadersProvisional: leg.request.headersProvisional === true,
    responseHeaders: response?.headers ?? null,
  };
}

/**
 * One exchange of the report. With a `redaction`, URLs, headers and curl commands come from the
 * redacted exchange, and every other string (console messages, checks, the fix) is scrubbed of
 * what it redacted. `context` is what the whole capture tells the fix (by default, nothing beyond
 * the exchange).
 */
export function reportExchange(
  exchange: ObservedExchange,
  verdict: Verdict,
  explain: ExplanationLookup = explainFromCatalog,
  redaction: Redaction | null = null,
  cookies: ReportExchange['cookies'] = NO_COOKIES,
  context: FixContext = {},
): ReportExchange {
  const shown = redaction === null ? exchange : redactExchange(exchange, redaction);
  const hops = shown.legs.map((leg) => hopOf(leg, exchange.recorder));
  const first = shown.legs[0];
  const preflight = hops.find((hop) => hop.preflight !== null)?.preflight ?? null;
  const catalog = verdict.outcome === 'blocked' ? explain(exchange, verdict, context) : null;
  const item: ReportExchange = {
    id: exchange.id,
    request: {
      url: first?.request.url ?? '',
      method: first?.request.method ?? '',
      initiatorOrigin: shown.initiatorOrigin ?? null,
      resourceType: exchange.resourceType ?? null,
      startedAt: iso(first?.request.startedAt),
    },
    hops,
    verdict: {
      outcome: verdict.outcome,
      summary: verdictSummary(verdict, preflight),
      code: verdict.code,
      chromiumCorsError: verdict.chromium.corsError,
      chromiumFailedParameter: verdict.chromium.failedParameter,
      firefoxReason: verdict.firefox.firefoxReason,
      browsersDisagree: verdict.browsersDisagree,
      observedError: exchange.outcome.error ?? null,
    },
    consoleMessages: {
      chromium: verdict.chromium.consoleMessage,
      firefox: verdict.firefox.consoleMessage,
    },
    classification: {
      kind: verdict.classification.kind,
      origin: verdict.classification.origin,
      preflightNeeded: verdict.classification.preflightNeeded,
      preflightTriggers: verdict.classification.preflightTriggers.map((t) => describeTrigger(t)),
    },
    checks: verdict.checks,
    warnings: verdict.warnings,
    inferred: withCacheHitFacts(verdict.inferred, hops),
    explanation: catalog?.explanation ?? null,
    fix: catalog?.fix ?? null,
    preflight,
    curl: { preflight: preflightCommand(exchange, { redaction }), request: requestCommand(exchange, { redaction }) },
    cookies,
  };
  return redaction === null ? item : scrubExchange(item, redaction);
}

/**
 * A cache hit is never observed (https://fetch.spec.whatwg.org/#cors-preflight-cache): say so in
 * `inferred`, with the evidence, unless the evaluator already did.
 */
function withCacheHitFacts(facts: readonly InferredFact[], hops: readonly ReportHop[]): readonly InferredFact[] {
  const added: InferredFact[] = [];
  hops.forEach((hop, index) => {
    const preflight = hop.preflight;
    if (preflight === null || !preflight.fromCache) return;
    const evidence = [
      preflight.sourceExchangeId === null ? 'no earlier preflight in the recording' : `entry created by the preflight of exchange ${preflight.sourceExchangeId}`,
      ...(preflight.maxAgeSeconds === null ? [] : [`Access-Control-Max-Age ${preflight.maxAgeSeconds}`]),
      ...(preflight.remainingSeconds === null ? [] : [`${Math.round(preflight.remainingSeconds)} s left`]),
    ];
    added.push(inferredFact('preflight-cache-hit', { hop: index }, { hops: hops.length, evidence }));
  });
  if (added.length === 0 || facts.some((fact) => fact.code === 'preflight-cache-hit')) return facts;
  return [...facts, ...added];
}

export function summarize(exchanges: readonly ReportExchange[]): ReportSummary {
  return summarizeOutcomes(exchanges.map((exchange) => exchange.verdict.outcome));
}

/** The summary of exchanges with these outcomes. */
function summarizeOutcomes(outcomes: readonly Verdict['outcome'][]): ReportSummary {
  let blocked = 0;
  let allowed = 0;
  let notCors = 0;
  for (const outcome of outcomes) {
    if (outcome === 'blocked') blocked++;
    else if (outcome === 'allowed') allowed++;
    else notCors++;
  }
  return { exchanges: outcomes.length, blocked, allowed, notCors };
}

/** A report as its envelope (every field but the rows) and its rows, made one at a time. */
export interface ReportParts {
  readonly envelope: Omit<Report, 'exchanges'>;
  /**
   * The rows in order, each built when asked for: a writer that does not keep them holds one at
   * a time. Iterate once: the redaction remembers what earlier rows redacted (see `reportExchange`).
   */
  readonly rows: Iterable<ReportExchange>;
}

/**
 * Builds the report. `verdicts[i]` is the evaluator's verdict for `exchanges[i]`; the lists must
 * have the same length (a RangeError otherwise — a caller bug, not bad input).
 */
export function buildReport(
  exchanges: readonly ObservedExchange[],
  verdicts: readonly Verdict[],
  meta: ReportMeta,
): Report {
  return reportOf(reportParts(exchanges, verdicts, meta));
}

/** The report with every row built and kept. */
export function reportOf({ envelope, rows }: ReportParts): Report {
  return { ...envelope, exchanges: [...rows] };
}

/** `buildReport` with its rows left to be built while they are written (`jsonChunksOf`). */
export function reportParts(
  exchanges: readonly ObservedExchange[],
  verdicts: readonly Verdict[],
  meta: ReportMeta,
): ReportParts {
  if (exchanges.length !== verdicts.length) {
    throw new RangeError(`buildReport: ${exchanges.length} exchanges but ${verdicts.length} verdicts`);
  }
  const redaction = meta.redaction === undefined ? new Redaction() : meta.redaction;
  // with what each verdict settled about credentials (the wire, the recorder, the jar's first pass)
  const cookies = captureCookies(exchanges, meta.source.recorder, { ...meta.cookieOptions, credentials: settledCredentials(exchanges, verdicts) });
  // Every fix extends what the capture shows the server allowing, so it keeps allowing it.
  const generatedAt = typeof meta.generatedAt === 'string' ? Date.parse(meta.generatedAt) : meta.generatedAt.getTime();
  const now = meta.now ?? (Number.isFinite(generatedAt) ? generatedAt : undefined);
  const context: FixContext = { evidence: captureEvidence(exchanges, verdicts), ...(now === undefined ? {} : { now }) };
  const explain = memoizedExplanations(meta.explain ?? explainFromCatalog, context);
  function* rows(): Generator<ReportExchange> {
    for (let i = 0; i < exchanges.length; i++) {
      const exchange = exchanges[i];
      const verdict = verdicts[i];
      if (exchange !== undefined && verdict !== undefined) {
        yield reportExchange(exchange, verdict, explain, redaction, reportCookies(cookies.byExchange.get(exchange.id)), context);
      }
    }
  }
  return {
    envelope: {
      schemaVersion: REPORT_SCHEMA_VERSION,
      generator: meta.generator,
      source: meta.source,
      generatedAt: typeof meta.generatedAt === 'string' ? meta.generatedAt : meta.generatedAt.toISOString(),
      redacted: redaction !== null,
      only: null,
      summary: summarizeOutcomes(verdicts.map((verdict) => verdict.outcome)),
      cookieSetting: cookies.setting,
    },
    rows: rows(),
  };
}
