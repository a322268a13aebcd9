/**
 * What a differential suite keeps and prints: the recording (HAR plus oracle), kept on disk on
 * request, its summary line with the mismatch table, and the verdict tuples that compare two reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Har } from './har.ts';
import type { Oracle } from './oracle.ts';
import { formatMismatchTable, type Mismatch, type ReportedExchange } from './report-compare.ts';

/** What a differential suite recorded: the HAR (no answer in it) and the browser's oracle. */
export interface LabRecording {
  har: Har;
  oracle: Oracle;
}

/** CORS_DIFF_OUT=<dir> keeps a run's HAR and oracle for a closer look (`<name>.har`, `<name>.oracle.json`). */
export function keepRecording(name: string, rec: LabRecording): void {
  const out = process.env.CORS_DIFF_OUT;
  if (!out) return;
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, `${name}.har`), JSON.stringify(rec.har, null, 2));
  writeFileSync(path.join(out, `${name}.oracle.json`), JSON.stringify(rec.oracle, null, 2));
}

/** The summary a differential suite prints at its end: one header line, then every mismatch. */
export function differentialSummary(browser: string, rec: LabRecording, mismatches: readonly Mismatch[]): string {
  const header = `${browser} ${rec.oracle.browserVersion} differential: ${mismatches.length} mismatch(es) over ${rec.oracle.fetches.length} fetches`;
  return `${header}\n${formatMismatchTable(mismatches)}`;
}

/** The verdict fields the differential test compares, per exchange, for comparing two reports. */
export function verdictTuples(exchanges: readonly ReportedExchange[]): string[] {
  return exchanges.map((x) => [x.method, x.url, x.outcome, x.chromiumCorsError, x.chromiumFailedParameter, x.firefoxReason].map(String).join(' '));
}
