/**
 * HAR → Report: read (`readHar`), evaluate every exchange (`evaluateExchange`), build
 * (`buildReport`). Used by the CLI; the panel's Export calls `buildReport` with its own exchanges.
 */
import type { ObservedExchange } from '../model/exchange.ts';
import type { Verdict } from '../cors/index.ts';
import { evaluateExchanges } from '../cors/verdict-memo.ts';
import { HarFormatError, type HarReadResult } from '../har/errors.ts';
import { readHarDocument, type HarCapture } from '../har/read-har.ts';
import { parseHarText, validateHar } from '../har/validate.ts';
import { reportOf, reportParts, type ExplanationLookup, type ReportParts } from './build.ts';
import type { Report, ReportGenerator } from './types.ts';
import type { Redaction } from '../handoff/redact.ts';
import { captureCookies, withCookieEvidence } from '../cookies/capture.ts';

export interface AnalyzeOptions {
  /** The file name to record in `source.file`. */
  readonly file?: string;
  readonly generator?: ReportGenerator;
  /** When the report is made; defaults to now. Also the evaluator's clock. */
  readonly generatedAt?: Date;
  readonly explain?: ExplanationLookup;
  /** See `ReportMeta.redaction`: redacted by default, `null` keeps real values. */
  readonly redaction?: Redaction | null;
  /**
   * The most entries the caller has memory to analyze (the CLI measures its heap): a HAR with
   * more is refused after parsing, before any exchange is built. Unlimited by default.
   */
  readonly maxEntries?: number;
}

const DEFAULT_GENERATOR: ReportGenerator = { name: 'cors-inspector', version: '0.0.0' };

/**
 * The capture's exchanges with their cookie evidence, and their verdicts (each shape of exchange
 * evaluated once: `cors/verdict-memo.ts`).
 */
export function evaluateCapture(capture: HarCapture, now: number): { readonly exchanges: ObservedExchange[]; readonly verdicts: Verdict[] } {
  // the jar informs the credentials check; buildReport runs it again with what the check settled
  const exchanges = withCookieEvidence(capture.exchanges, captureCookies(capture.exchanges, capture.recorder));
  return { exchanges, verdicts: evaluateExchanges(exchanges, { now }) };
}

/** Evaluates an already-read capture. */
export function reportFromCapture(capture: HarCapture, options: AnalyzeOptions = {}): Report {
  return reportOf(reportPartsFromCapture(capture, options));
}

/** `reportFromCapture`, its rows built as they are read. */
export function reportPartsFromCapture(capture: HarCapture, options: AnalyzeOptions = {}): ReportParts {
  const generatedAt = options.generatedAt ?? new Date();
  const now = generatedAt.getTime();
  const { exchanges, verdicts } = evaluateCapture(capture, now);
  return reportParts(exchanges, verdicts, {
    generator: options.generator ?? DEFAULT_GENERATOR,
    source: {
      kind: 'har',
      recorder: capture.recorder,
      ...(options.file !== undefined && { file: options.file }),
      creator: capture.creator,
    },
    generatedAt,
    now,
    ...(options.explain !== undefined && { explain: options.explain }),
    ...(options.redaction !== undefined && { redaction: options.redaction }),
  });
}

/** HAR text → Report, or the typed problem with the input. Never throws on bad input. */
export function analyzeHarText(text: string, options: AnalyzeOptions = {}): HarReadResult<Report> {
  const parts = analyzeHarTextParts({ text }, options);
  return parts.ok ? { ok: true, value: reportOf(parts.value) } : parts;
}

/** HAR text handed to the analysis, which takes it out (`text` becomes null) so it is collected once parsed. */
export interface HarSource {
  text: string | null;
}

/**
 * `analyzeHarText`, its rows built as they are read (`jsonChunksOf` writes each and lets it go).
 * Neither the text nor the parsed document is kept: once the exchanges are read, only they remain.
 */
export function analyzeHarTextParts(source: HarSource, options: AnalyzeOptions = {}): HarReadResult<ReportParts> {
  const capture = readCapture(source, options.maxEntries);
  return capture.ok ? { ok: true, value: reportPartsFromCapture(capture.value, options) } : capture;
}

function readCapture(source: HarSource, maxEntries: number | undefined): HarReadResult<HarCapture> {
  const text = source.text ?? '';
  source.text = null;
  const parsed = parseHarText(text);
  if (!parsed.ok) return parsed;
  const entries = parsed.value.entries.length;
  if (maxEntries !== undefined && entries > maxEntries) {
    const message = `${entries} entries, more than the memory left can analyze (about ${Math.max(0, Math.floor(maxEntries))})`;
    return { ok: false, error: { code: 'too-large', message, path: 'log.entries' } };
  }
  return { ok: true, value: readHarDocument(parsed.value) };
}

/**
 * Parsed HAR JSON → Report.
 * @throws HarFormatError when `har` is not a usable HTTP Archive (the only throw, at the top).
 */
export function analyzeHar(har: unknown, options: AnalyzeOptions = {}): Report {
  const validated = validateHar(har);
  if (!validated.ok) throw new HarFormatError(validated.error);
  return reportFromCapture(readHarDocument(validated.value), options);
}
