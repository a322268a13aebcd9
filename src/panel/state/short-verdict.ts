/**
 * A verdict in a few words for the list ("Preflight: Allow-Headers lacks content-type"): the
 * report's own one-line summary (src/shared/report/verdict-summary.ts), so the panel, the CLI and
 * exported reports say the same thing.
 */
import type { Check, Verdict } from '../../shared/cors/verdict.ts';
import type { LogRecord } from '../../shared/protocol/messages.ts';
import { reportPreflight } from '../../shared/report/preflight-info.ts';
import { verdictSummary } from '../../shared/report/verdict-summary.ts';

/** The failing check that decided the verdict: the one with the verdict's code, else the first failure. */
export function decisiveCheck(verdict: Verdict): Check | undefined {
  const failures = verdict.checks.filter((c) => c.status === 'fail');
  return failures.find((c) => verdict.code !== null && c.code === verdict.code) ?? failures[0];
}

export function shortVerdict(record: LogRecord): string {
  if (record.pending) return 'Pending…';
  const { exchange, verdict } = record;
  const leg = exchange.legs.find((l) => l.preflight !== null);
  return verdictSummary(verdict, leg ? reportPreflight(leg, exchange.recorder) : null);
}
