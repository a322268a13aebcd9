/**
 * Export: the shown exchanges as the Report JSON the CLI writes (src/shared/report), saved as a file.
 */
import pkg from '../../../package.json' with { type: 'json' };
import { captureOptionsOf, type KnownCookieSetting } from '../../shared/cookies/browser-setting.ts';
import type { Recorder } from '../../shared/model/exchange.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { buildReport } from '../../shared/report/build.ts';
import { renderJson } from '../../shared/report/json.ts';
import type { Report } from '../../shared/report/types.ts';
import { downloadText, timestampedName } from './download.ts';

export type ExportSource = { readonly kind: 'extension' } | { readonly kind: 'har'; readonly file: string };

function recorderOf(records: readonly ExchangeRecord[]): Recorder {
  const recorders = new Set(records.map((r) => r.exchange.recorder));
  return recorders.size === 1 ? ([...recorders][0] ?? 'unknown') : 'unknown';
}

/**
 * The report for `records` (finished exchanges only: pending ones may still change); `setting`:
 * the third-party-cookie setting the browser's API gave, for a live log it recorded.
 */
export function reportOf(records: readonly ExchangeRecord[], source: ExportSource, at: Date, setting: KnownCookieSetting | null = null): Report {
  const done = records.filter((r) => !r.pending);
  const recorder = recorderOf(done);
  return buildReport(
    done.map((r) => r.exchange),
    done.map((r) => r.verdict),
    {
      generator: { name: pkg.name, version: pkg.version },
      source: { ...(source.kind === 'har' ? { kind: 'har', file: source.file } : { kind: 'extension' }), recorder },
      generatedAt: at,
      cookieOptions: captureOptionsOf(setting?.browser === recorder ? setting : null),
    },
  );
}

export function exportReport(records: readonly ExchangeRecord[], source: ExportSource, at: Date, setting: KnownCookieSetting | null = null): void {
  downloadText(timestampedName('cors-report', 'json', at), renderJson(reportOf(records, source, at, setting)), 'application/json');
}
