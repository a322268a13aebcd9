/**
 * Redaction of one report exchange's free text. URLs, headers and curl commands are already built
 * from the redacted exchange; what the evaluator wrote from the real one — the verdict, console
 * messages (they quote the URL), checks (they quote header values), warnings, inferred facts,
 * explanation and fix — is scrubbed of everything the redaction replaced.
 */
import type { Redaction } from '../handoff/redact.ts';
import type { ReportExchange } from './types.ts';

export function scrubExchange(item: ReportExchange, redaction: Redaction): ReportExchange {
  const { verdict, consoleMessages, classification, checks, warnings, inferred, explanation, fix, cookies } = item;
  return { ...item, ...redaction.deep({ verdict, consoleMessages, classification, checks, warnings, inferred, explanation, fix, cookies }) };
}
