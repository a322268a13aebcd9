/**
 * Explanation and fix of a blocked exchange from the evaluator's catalog (`EXPLANATIONS`): the
 * title and text (then how the failure shows in the page for its kind of request), the exact
 * header lines computed from the exchange, a note, server snippets and MDN's page.
 */
import { EXPLANATIONS, fixAdvice, fixContext, mdnFor, serverSnippets } from '../cors/index.ts';
import { inPageSymptom } from '../cors/content/in-page.ts';
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
    // Then how it shows in the page for this kind of request (in-page.ts), as a paragraph of its own.
    explanation: { title: entry.title, text: [entry.explanation, inPageSymptom(exchange)].filter((t) => t !== null).join('\n\n'), learnMoreUrl: mdnFor(code) },
    fix: { headers: advice.headers, note: advice.note, snippets: serverSnippets(code, context) ?? {} },
  };
}
