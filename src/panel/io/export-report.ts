/**
 * Export: exchanges as the report the CLI writes (src/shared/report) — JSON, Markdown or HTML —
 * saved as a file. Credentials are redacted by default, with a random salt per export; the
 * Export menu's visible toggle turns redaction off.
 */
import pkg from '../../../package.json' with { type: 'json' };
import { captureOptionsOf, type KnownCookieSetting } from '../../shared/cookies/browser-setting.ts';
import type { Framework } from '../../shared/cors/content/snippets.ts';
import type { Recorder } from '../../shared/model/exchange.ts';
import { isEvaluated, type ExchangeRecord, type LogRecord } from '../../shared/protocol/messages.ts';
import { buildReport, onlyBlocked, renderHtml, renderJson, renderMarkdown, type Report } from '../../shared/report/index.ts';
import { saltedRedaction } from './copy-commands.ts';
import { downloadText, timestampedName } from './download.ts';

export type ExportSource = { readonly kind: 'extension' } | { readonly kind: 'har'; readonly file: string };

export const REPORT_FORMATS = ['json', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What to export, as the Export menu (or a row's menu) chose it. */
export interface ExportRequest {
  /** The exchanges: all shown, or the selected one. */
  readonly records: readonly LogRecord[];
  /** List only the blocked ones (the summary still counts all: `onlyBlocked`). */
  readonly onlyBlocked: boolean;
  readonly format: ReportFormat;
  /** Redact credentials (the default); false keeps real values. */
  readonly redact: boolean;
  /** The server whose snippet Markdown and HTML include with each fix. */
  readonly server?: Framework;
}

interface FormatSpec {
  readonly extension: string;
  readonly type: string;
  readonly render: (report: Report, options: { readonly server?: string }) => string;
}

const FORMATS: Readonly<Record<ReportFormat, FormatSpec>> = {
  json: { extension: 'json', type: 'application/json', render: (report) => renderJson(report) },
  markdown: { extension: 'md', type: 'text/markdown', render: renderMarkdown },
  html: { extension: 'html', type: 'text/html', render: renderHtml },
};

function recorderOf(records: readonly ExchangeRecord[]): Recorder {
  const recorders = new Set(records.map((r) => r.exchange.recorder));
  return recorders.size === 1 ? ([...recorders][0] ?? 'unknown') : 'unknown';
}

/**
 * The report for `request` (finished exchanges only: pending ones may still change); `setting`:
 * the third-party-cookie setting the browser's API gave, for a live log it recorded.
 */
export function reportOf(
  request: Pick<ExportRequest, 'records' | 'onlyBlocked' | 'redact'>,
  source: ExportSource,
  at: Date,
  setting: KnownCookieSetting | null = null,
): Report {
  const done = request.records.filter((r): r is ExchangeRecord => isEvaluated(r) && !r.pending);
  const recorder = recorderOf(done);
  const report = buildReport(
    done.map((r) => r.exchange),
    done.map((r) => r.verdict),
    {
      generator: { name: pkg.name, version: pkg.version },
      source: { ...(source.kind === 'har' ? { kind: 'har', file: source.file } : { kind: 'extension' }), recorder },
      generatedAt: at,
      redaction: request.redact ? saltedRedaction() : null,
      cookieOptions: captureOptionsOf(setting?.browser === recorder ? setting : null),
    },
  );
  return request.onlyBlocked ? onlyBlocked(report) : report;
}

/** The report rendered in the chosen format, with its file name and type. */
export function renderExport(
  request: ExportRequest,
  source: ExportSource,
  at: Date,
  setting: KnownCookieSetting | null = null,
): { name: string; text: string; type: string } {
  const { extension, type, render } = FORMATS[request.format];
  const text = render(reportOf(request, source, at, setting), request.server === undefined ? {} : { server: request.server });
  return { name: timestampedName('cors-report', extension, at), text, type };
}

export function exportReport(request: ExportRequest, source: ExportSource, at: Date, setting: KnownCookieSetting | null = null): void {
  const { name, text, type } = renderExport(request, source, at, setting);
  downloadText(name, text, type);
}
