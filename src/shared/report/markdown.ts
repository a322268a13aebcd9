/**
 * Markdown rendering of a Report, to paste into an issue tracker: a summary table, then each
 * failure grouped by origin and fix (ten identical failures are one section listing ten URLs)
 * with the checklist, the explanation, the fix headers, the chosen server's snippet and the curl
 * commands; then the warnings of exchanges that were not blocked.
 *
 * Inert by construction: every recorded value goes through `markdownText` (all ASCII punctuation
 * backslash-escaped: no link, image, HTML or emphasis can form) or into a code span or fenced block
 * whose fence is longer than any backtick run inside (src/shared/handoff/inert.ts).
 */
import type { CheckStatus } from '../cors/verdict.ts';
import { markdownCode, markdownFence, markdownText } from '../handoff/inert.ts';
import { failureGroups, recorderMessage, warningGroups, type FailureGroup } from './groups.ts';
import { richSegments } from './rich.ts';
import { serverFixLines } from '../cors/fix/render.ts';
import type { Report, ReportExchange } from './types.ts';

export interface MarkdownOptions {
  /** The server whose configuration snippet to include with each fix (`express`, `nginx`, …). */
  readonly server?: string;
}

const RECORDER = { chromium: 'Chromium', firefox: 'Firefox', unknown: 'an unknown browser' } as const;
const OUTCOME = { blocked: '✗ blocked', allowed: '✓ allowed', 'not-cors': '· not CORS' } as const;
const CHECK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', unknown: '?', 'not-applicable': '–' };

/** Prose with backtick code: text escaped, code as code spans. */
function rich(text: string): string {
  return richSegments(text)
    .map((s) => (s.code ? markdownCode(s.text) : markdownText(s.text)))
    .join('');
}

/** A table cell: escaped text (pipes included), never a line break. */
const cell = (text: string): string => markdownText(text);

function header(report: Report): string[] {
  const { source, summary } = report;
  const from = source.file === undefined ? '' : ` from ${markdownCode(source.file)}`;
  return [
    '# CORS report',
    '',
    `${summary.exchanges} exchange${summary.exchanges === 1 ? '' : 's'}${from}, recorded by ${RECORDER[source.recorder]}. Generated ${markdownText(report.generatedAt)} by ${markdownText(report.generator.name)} ${markdownText(report.generator.version)}.`,
    report.redacted
      ? 'Credentials are redacted: `[REDACTED-length-hash]` stands for a secret (equal secrets have equal markers).'
      : '**Credentials are not redacted.**',
    ...(report.only === 'blocked' ? ['', 'Only the blocked exchanges are listed.'] : []),
    '',
    '| Blocked | Allowed | Not CORS | Total |',
    '|---:|---:|---:|---:|',
    `| ${summary.blocked} | ${summary.allowed} | ${summary.notCors} | ${summary.exchanges} |`,
  ];
}

function exchangeTable(report: Report): string[] {
  if (report.exchanges.length === 0) return [];
  return [
    '',
    '| # | Outcome | Method | URL | Verdict |',
    '|---:|---|---|---|---|',
    ...report.exchanges.map(
      (x) => `| ${cell(x.id)} | ${OUTCOME[x.verdict.outcome]} | ${cell(x.request.method)} | ${cell(x.request.url)} | ${cell(x.verdict.summary)} |`,
    ),
  ];
}

function browsers(report: Report, x: ReportExchange): string {
  const p = x.verdict.chromiumFailedParameter;
  const chromium = x.verdict.chromiumCorsError === null ? 'allowed' : `${markdownCode(x.verdict.chromiumCorsError)}${p === null || p === '' ? '' : ` (${markdownCode(p)})`}`;
  const firefox = x.verdict.firefoxReason === null ? 'allowed' : markdownCode(x.verdict.firefoxReason);
  const both = [`**Chromium:** ${chromium}`, `**Firefox:** ${firefox}`];
  return (report.source.recorder === 'firefox' ? both.reverse() : both).join(' · ');
}

function failureSection(report: Report, group: FailureGroup, index: number, options: MarkdownOptions): string[] {
  const x = group.first;
  const title = x.explanation?.title ?? x.verdict.summary;
  const origin = x.classification.origin === null ? '' : ` from ${markdownCode(x.classification.origin)}`;
  const count = group.exchanges.length;
  const lines = ['', `### ${index}. ${rich(title)} (${count} exchange${count === 1 ? '' : 's'}${origin})`, '', browsers(report, x), ''];
  lines.push(...group.exchanges.map((e) => `- #${cell(e.id)} ${markdownCode(e.request.method)} ${markdownCode(e.request.url)}`));
  const message = recorderMessage(report, x);
  if (message !== null) lines.push('', `Console: ${markdownCode(message)}`);
  lines.push('', '**Checklist**', '');
  for (const check of x.checks) {
    const observed = check.status === 'fail' || check.status === 'unknown' ? ` — observed ${check.observed === null ? 'nothing' : markdownCode(check.observed)}, expected ${rich(check.expected)}` : '';
    lines.push(`- ${CHECK[check.status]} ${rich(check.title)}${observed}`);
  }
  for (const w of x.warnings) lines.push(`- ⚠ ${rich(w.detail)}`);
  if (x.explanation !== null) {
    lines.push('', `**Why:** ${rich(x.explanation.text)}`);
    if (x.explanation.learnMoreUrl !== null) lines.push('', `Learn more: ${markdownCode(x.explanation.learnMoreUrl)}`);
  }
  const fix = x.fix;
  if (fix?.server === null) lines.push('', '**Fix:** no change to the server\'s responses fixes this.');
  else if (fix !== null && fix.server.length > 0) {
    lines.push('', '**Fix:** change these responses (each line replaces the header of that name)', '', markdownFence(serverFixLines(fix.server).join('\n'), 'http'));
    if (count > 1) lines.push('', 'The same for each exchange listed above, at its own URLs.');
  }
  if (fix?.note !== null && fix?.note !== undefined) lines.push('', rich(fix.note));
  const frameworks = Object.keys(fix?.snippets ?? {});
  const snippet = options.server === undefined ? undefined : fix?.snippets[options.server];
  if (snippet !== undefined) lines.push('', `**${markdownText(options.server ?? '')}:**`, '', markdownFence(snippet));
  else if (frameworks.length > 0) lines.push('', `Server configuration for ${frameworks.map(markdownCode).join(', ')} is available (\`--server <name>\`).`);
  if (x.curl.preflight !== null) lines.push('', '**Reproduce the preflight:**', '', markdownFence(x.curl.preflight, 'sh'));
  if (x.curl.request !== null) lines.push('', '**Reproduce the request:**', '', markdownFence(x.curl.request, 'sh'));
  return lines;
}

/** The report as Markdown, ending with a newline. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const lines = [...header(report), ...exchangeTable(report)];
  const groups = failureGroups(report.exchanges);
  if (groups.length > 0) lines.push('', '## Failures');
  groups.forEach((group, i) => lines.push(...failureSection(report, group, i + 1, options)));
  const warnings = warningGroups(report.exchanges);
  if (warnings.length > 0) lines.push('', '## Warnings on exchanges that were not blocked', '');
  for (const { warning, exchanges } of warnings) {
    lines.push(`- ⚠ ${rich(warning.detail)}`, ...exchanges.map((e) => `  - #${cell(e.id)} ${markdownCode(e.request.method)} ${markdownCode(e.request.url)}`));
  }
  return `${lines.join('\n')}\n`;
}
