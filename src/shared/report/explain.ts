/**
 * Explanation and fix of a blocked exchange from the evaluator's catalog (`EXPLANATIONS`): the
 * title and text, the exact header lines computed from the exchange, a note, server snippets and
 * MDN's page.
 */
import { EXPLANATIONS, fixAdvice, fixContext, mdnFor, serverSnippets } from '../cors/index.ts';
import type { ObservedExchange, Verdict } from '../cors/index.ts';
import type { ReportExplanation, ReportFix } from './types.ts';

export function explainFromCatalog(
  exchange: ObservedExchange,
  verdict: Verdict,
): { readonly explanation: ReportExplanation; readonly fix: ReportFix } | null {
  const code = verdict.code;
  if (code === null) return null;
  const entry = EXPLANATIONS[code];
  const context = fixContext(exchange, verdict);
  const advice = fixAdvice(code, context);
  return {
    explanation: { title: entry.title, text: entry.explanation, learnMoreUrl: mdnFor(code) },
    fix: { headers: advice.headers, note: advice.note, snippets: serverSnippets(code, context) ?? {} },
  };
}
