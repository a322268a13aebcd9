/**
 * Text rendering of a Report, for a person in a terminal: a header, one line per exchange, then
 * each failure — identical failures grouped, with their URLs — with its checklist, explanation,
 * fix (and the chosen server's snippet) and the curl commands that reproduce it; then the
 * warnings of exchanges that were allowed. Rendering only — the report is built by `buildReport`.
 *
 * Nothing from the recording reaches the terminal raw: control characters are shown as `\xNN`
 * and bidi formatting characters as `\uNNNN`, so a value cannot act on the terminal or display as
 * something else.
 */
import type { Check, CheckStatus } from '../cors/verdict.ts';
import type { Recorder } from '../model/exchange.ts';
import { visibleLine, visibleText } from '../handoff/inert.ts';
import { failureGroups, recorderMessage, warningGroups } from './groups.ts';
import { serverFixLines } from '../cors/fix/render.ts';
import { PLAIN, type Style } from './style.ts';
import type { Report, ReportExchange, ReportPreflight } from './types.ts';

export interface TextOptions {
  /** `ANSI` for a terminal; `PLAIN` (default) otherwise. */
  readonly style?: Style;
  /** Longest URL shown on a summary line before it is cut with `…`. Default 100. */
  readonly maxUrlLength?: number;
  /** The server whose configuration snippet to print with each fix (`express`, `nginx`, …). */
  readonly server?: string;
}

const RECORDER_NAME = { chromium: 'Chromium', firefox: 'Firefox', unknown: 'an unknown browser' } as const;

const safe = visibleLine;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function mark(exchange: ReportExchange, style: Style): string {
  switch (exchange.verdict.outcome) {
    case 'blocked':
      return style.red('✗');
    case 'allowed':
      return style.green('✓');
    case 'not-cors':
      return style.dim('·');
  }
}

function checkMark(status: CheckStatus, style: Style): string {
  switch (status) {
    case 'pass':
      return style.green('✓');
    case 'fail':
      return style.red('✗');
    case 'unknown':
      return style.yellow('?');
    case 'not-applicable':
      return style.dim('–');
  }
}

function header(report: Report): string {
  const { summary, source } = report;
  const from = source.file === undefined ? '' : ` in ${safe(source.file)}`;
  const shown = report.only === 'blocked' ? `; showing the ${report.exchanges.length} blocked` : '';
  const redacted = report.redacted ? '' : '\nCredentials are NOT redacted (--no-redact).';
  return (
    `${summary.exchanges} exchange${summary.exchanges === 1 ? '' : 's'}${from}, recorded by ${RECORDER_NAME[source.recorder]}: ` +
    `${summary.blocked} blocked, ${summary.allowed} allowed, ${summary.notCors} not CORS${shown}${redacted}`
  );
}

/**
 * `✗ PUT     http://api.test/items  blocked  Preflight: Allow-Headers lacks content-type`.
 * URLs are cut at `maxUrlLength` and padded to `urlWidth` so the columns line up.
 */
export function summaryLine(exchange: ReportExchange, style: Style = PLAIN, maxUrlLength = 100, urlWidth = 0): string {
  const outcome = exchange.verdict.outcome.padEnd(8);
  const coloured =
    exchange.verdict.outcome === 'blocked' ? style.red(outcome) : exchange.verdict.outcome === 'allowed' ? style.green(outcome) : style.dim(outcome);
  return [
    mark(exchange, style),
    safe(exchange.request.method).padEnd(7),
    cut(safe(exchange.request.url), maxUrlLength).padEnd(urlWidth),
    coloured,
    safe(exchange.verdict.summary),
  ].join(' ');
}

function checkLines(check: Check, style: Style): string[] {
  const lines = [`    ${checkMark(check.status, style)} ${safe(check.title)}`];
  if (check.status === 'fail' || check.status === 'unknown') {
    lines.push(`        observed: ${check.observed === null ? style.dim('nothing (not sent)') : safe(check.observed)}`);
    lines.push(`        expected: ${safe(check.expected)}`);
    if (check.detail !== '') lines.push(`        ${safe(check.detail)}`);
  }
  return lines;
}

function preflightLine(preflight: ReportPreflight): string {
  if (!preflight.fromCache) {
    const status = preflight.status === null ? 'no response' : `status ${preflight.status}`;
    const maxAge = preflight.maxAgeSeconds === null ? 'no Max-Age' : `Max-Age ${preflight.maxAgeSeconds}`;
    return `  Preflight: observed, ${status}, ${maxAge}`;
  }
  const parts = ['  Preflight: from the preflight cache (inferred)'];
  if (preflight.sourceExchangeId !== null) parts.push(`created by #${safe(preflight.sourceExchangeId)}`);
  if (preflight.maxAgeSeconds !== null) parts.push(`Max-Age ${preflight.maxAgeSeconds}`);
  if (preflight.remainingSeconds !== null) parts.push(`${Math.round(preflight.remainingSeconds)} s left`);
  return parts.join(', ');
}

function indent(text: string, prefix: string): string {
  return visibleText(text)
    .split('\n')
    .map((line) => (line === '' ? '' : `${prefix}${line.replace(/\t/g, '\\t')}`))
    .join('\n');
}

/** `HeaderDisallowedByPreflightResponse (content-type)`, or the browser's "allowed". */
function browserVerdicts(recorder: Recorder, exchange: ReportExchange): string {
  const { verdict } = exchange;
  const parameter = verdict.chromiumFailedParameter;
  const chromium =
    verdict.chromiumCorsError === null ? 'allowed' : `${verdict.chromiumCorsError}${parameter === null || parameter === '' ? '' : ` (${safe(parameter)})`}`;
  const firefox = verdict.firefoxReason ?? 'allowed';
  const both = recorder === 'firefox' ? [`Firefox: ${firefox}`, `Chromium: ${chromium}`] : [`Chromium: ${chromium}`, `Firefox: ${firefox}`];
  return both.join(' · ');
}

function fixLines(exchange: ReportExchange, server: string | undefined, style: Style, alike: number): string[] {
  const fix = exchange.fix;
  if (fix === null) return [];
  const lines = ['  Fix:'];
  if (fix.server === null) lines.push('    No change to the server\'s responses fixes this.');
  else if (fix.server.length > 0) {
    lines.push('    Change these responses (each line replaces the header of that name):', ...serverFixLines(fix.server).map((line) => `      ${safe(line)}`));
    if (alike > 0) lines.push('    The same for each exchange listed above, at its own URLs.');
  }
  if (fix.note !== null) lines.push(indent(fix.note, '    '));
  const frameworks = Object.keys(fix.snippets);
  const snippet = server === undefined ? undefined : fix.snippets[server];
  if (snippet !== undefined) lines.push(`    ${safe(server ?? '')}:`, indent(snippet, '      '));
  else if (frameworks.length > 0) lines.push(style.dim(`    Server snippet: add --server ${frameworks.join('|')}`));
  return lines;
}

function reproduceLines(exchange: ReportExchange): string[] {
  const { preflight, request } = exchange.curl;
  const lines: string[] = [];
  if (preflight !== null) lines.push('  Reproduce the preflight:', indent(preflight, '    '));
  if (request !== null) lines.push('  Reproduce the request:', indent(request, '    '));
  return lines;
}

/**
 * The details block of one exchange (or of a group led by it): both browsers' verdicts, the
 * recorded error, redirects, preflight, console message, checklist, warnings, inferred facts,
 * explanation, fix and the curl commands. `alike` lists the group's other exchanges.
 */
export function exchangeDetails(
  exchange: ReportExchange,
  style: Style = PLAIN,
  context: { readonly report?: Report; readonly alike?: readonly ReportExchange[]; readonly server?: string } = {},
): string {
  const { verdict } = exchange;
  const report = context.report;
  const alike = context.alike ?? [];
  const more = alike.length === 0 ? '' : ` (and ${alike.length} more like it)`;
  const lines = [style.bold(`${mark(exchange, style)} #${safe(exchange.id)} ${safe(exchange.request.method)} ${safe(exchange.request.url)}${more}`)];
  for (const other of alike) lines.push(`    #${safe(other.id)} ${safe(other.request.method)} ${safe(other.request.url)}`);
  lines.push(`  ${browserVerdicts(report?.source.recorder ?? 'chromium', exchange)}${verdict.browsersDisagree ? style.yellow(' · the browsers disagree') : ''}`);
  if (verdict.observedError !== null) lines.push(`  Recorded error: ${safe(verdict.observedError)}`);
  if (exchange.hops.length > 1) {
    lines.push('  Redirects:');
    for (const hop of exchange.hops) lines.push(`    ${hop.status ?? '—'} ${safe(hop.method)} ${safe(hop.url)}`);
  }
  if (exchange.preflight !== null) lines.push(preflightLine(exchange.preflight));
  const message = report === undefined ? (exchange.consoleMessages.chromium ?? exchange.consoleMessages.firefox) : recorderMessage(report, exchange);
  if (message !== null) lines.push(`  Console: ${safe(message)}`);
  lines.push('  Checks:');
  for (const check of exchange.checks) lines.push(...checkLines(check, style));
  for (const warning of exchange.warnings) lines.push(`  ${style.yellow('!')} ${safe(warning.detail)}`);
  for (const fact of exchange.inferred) {
    lines.push(`  ${style.dim(`Inferred: ${safe(fact.statement)}${fact.because === '' ? '' : ` (${safe(fact.because)})`}`)}`);
  }
  if (exchange.explanation !== null) {
    lines.push(`  Why: ${safe(exchange.explanation.title)}`);
    lines.push(indent(exchange.explanation.text, '    '));
    if (exchange.explanation.learnMoreUrl !== null) lines.push(`    Learn more: ${safe(exchange.explanation.learnMoreUrl)}`);
  }
  lines.push(...fixLines(exchange, context.server, style, alike.length), ...reproduceLines(exchange));
  return lines.join('\n');
}

/** The report as text, one line or one block at a time (each chunk ends with a newline). */
export function* textChunks(report: Report, options: TextOptions = {}): Generator<string> {
  const style = options.style ?? PLAIN;
  const maxUrlLength = options.maxUrlLength ?? 100;
  yield `${header(report)}\n\n`;
  let urlWidth = 0;
  for (const exchange of report.exchanges) urlWidth = Math.max(urlWidth, Math.min(safe(exchange.request.url).length, maxUrlLength));
  for (const exchange of report.exchanges) yield `${summaryLine(exchange, style, maxUrlLength, urlWidth)}\n`;
  for (const group of failureGroups(report.exchanges)) {
    const context = { report, alike: group.exchanges.slice(1), ...(options.server !== undefined && { server: options.server }) };
    yield `\n${exchangeDetails(group.first, style, context)}\n`;
  }
  const warnings = warningGroups(report.exchanges);
  if (warnings.length > 0) yield `\n${style.bold('Warnings on exchanges that were not blocked:')}\n`;
  for (const { warning, exchanges } of warnings) {
    yield `  ${style.yellow('!')} ${safe(warning.detail)}\n${exchanges.map((x) => `    #${safe(x.id)} ${safe(x.request.method)} ${safe(x.request.url)}\n`).join('')}`;
  }
}

/** The whole report as text, ending with a newline. */
export function renderText(report: Report, options: TextOptions = {}): string {
  return [...textChunks(report, options)].join('');
}
