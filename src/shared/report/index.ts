/**
 * Reports: Report JSON (schema 1) built from exchanges and verdicts, and its renderers. Building
 * and rendering are separate so Markdown/HTML renderers can join later.
 */
export { buildReport, reportExchange, summarize, type ExplanationLookup, type ReportMeta } from './build.ts';
export { analyzeHar, analyzeHarText, reportFromCapture, type AnalyzeOptions } from './analyze-har.ts';
export { jsonChunks, renderJson } from './json.ts';
export { exchangeDetails, renderText, summaryLine, textChunks, type TextOptions } from './text.ts';
export { ANSI, PLAIN, type Style } from './style.ts';
export { renderMarkdown, type MarkdownOptions } from './markdown.ts';
export { renderHtml, type HtmlOptions } from './html.ts';
export { failureGroups, onlyBlocked, warningGroups, type FailureGroup, type WarningGroup } from './groups.ts';
export { verdictSummary } from './verdict-summary.ts';
export { describeTrigger } from '../cors/content/describe-trigger.ts';
export { REPORT_SCHEMA_VERSION } from './types.ts';
export type * from './types.ts';
