/**
 * Explanation and fix of a blocked exchange from the evaluator's catalog (`EXPLANATIONS`) and its
 * structured fix (`serverFix`): the title and text (then how the failure shows in the page for its
 * kind of request), MDN's page, the changes per response (proven against both browsers), a note,
 * and server snippets configuring the same thing.
 */
import { EXPLANATIONS, NO_EVIDENCE, credentialedReading, fixPolicy, mdnFor, serverFix } from '../cors/index.ts';
import type { ObservedExchange, ServerEvidence, Verdict } from '../cors/index.ts';
import { inPageSymptom } from '../cors/content/in-page.ts';
import { renderAllSnippets } from '../cors/content/snippets.ts';
import type { ReportExplanation, ReportFix } from './types.ts';

/** What the whole capture tells a fix: what the server already allowed, and the evaluator's clock. */
export interface FixContext {
  readonly evidence?: ServerEvidence;
  readonly now?: number;
}

/** The report's `fix` for a blocked exchange: `serverFix`, with snippets rendered from the same changes. */
export function reportFix(exchange: ObservedExchange, verdict: Verdict, context: FixContext = {}): ReportFix {
  const fix = serverFix(exchange, verdict, context);
  if (fix.server === null) return { server: null, note: fix.note, snippets: {} };
  const policy = fixPolicy(exchange, fix.server, credentialedReading(verdict), context.evidence ?? NO_EVIDENCE);
  return { server: fix.server, note: fix.note, snippets: renderAllSnippets(policy) };
}

export function explainFromCatalog(
  exchange: ObservedExchange,
  verdict: Verdict,
  context: FixContext = {},
): { readonly explanation: ReportExplanation; readonly fix: ReportFix } | null {
  const code = verdict.code;
  if (code === null) return null;
  const entry = EXPLANATIONS[code];
  return {
    // Then how it shows in the page for this kind of request (in-page.ts), as a paragraph of its own.
    explanation: { title: entry.title, text: [entry.explanation, inPageSymptom(exchange)].filter((t) => t !== null).join('\n\n'), learnMoreUrl: mdnFor(code) },
    fix: reportFix(exchange, verdict, context),
  };
}
