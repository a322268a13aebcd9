/**
 * Text rendering of a Report: a header, one line per exchange, then for each blocked exchange its
 * checklist, explanation and fix. Rendering only — the report is built by `buildReport`.
 */
import type { Check, CheckStatus } from '../cors/verdict.ts';
import { PLAIN, type Style } from './style.ts';
import type { Report, ReportExchange, ReportPreflight } from './types.ts';

export interface TextOptions {
  /** `ANSI` for a terminal; `PLAIN` (default) otherwise. */
  readonly style?: Style;
  /** Longest URL shown on a summary line before it is cut with `…`. Default 100. */
  readonly maxUrlLength?: number;
}

const RECORDER_NAME = { chromium: 'Chromium', firefox: 'Firefox', unknown: 'an unknown browser' } as const;

/** Control characters (a header value may hold anything) are shown escaped, never sent to the terminal. */
function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

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
  return (
    `${summary.exchanges} exchange${summary.exchanges === 1 ? '' : 's'}${from}, recorded by ${RECORDER_NAME[source.recorder]}: ` +
    `${summary.blocked} blocked, ${summary.allowed} allowed, ${summary.notCors} not CORS`
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
    safe(cut(exchange.request.url, maxUrlLength)).padEnd(urlWidth),
    coloured,
    safe(exchange.verdict.summary),
  ].join(' ');
}

function checkLines(check: Check, style: Style): string[] {
  const lines = [`    ${checkMark(check.status, style)} ${safe(check.title)}`];
  if (check.status === 'fail' || check.status === 'unknown') {
    lines.push(`        observed: ${check.observed === null ? style.dim('(absent)') : safe(check.observed)}`);
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
  if (preflight.sourceExchangeId !== null) parts.push(`created by #${preflight.sourceExchangeId}`);
  if (preflight.maxAgeSeconds !== null) parts.push(`Max-Age ${preflight.maxAgeSeconds}`);
  if (preflight.remainingSeconds !== null) parts.push(`${Math.round(preflight.remainingSeconds)} s left`);
  return parts.join(', ');
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${safe(line)}`)
    .join('\n');
}

/** The details block of one exchange: verdicts per browser, checklist, explanation, fix. */
export function exchangeDetails(exchange: ReportExchange, style: Style = PLAIN): string {
  const { verdict } = exchange;
  const lines = [style.bold(`${mark(exchange, style)} #${exchange.id} ${safe(exchange.request.method)} ${safe(exchange.request.url)}`)];
  const chromium = verdict.chromiumCorsError === null ? 'allowed' : `${verdict.chromiumCorsError}${verdict.chromiumFailedParameter === null ? '' : ` (${safe(verdict.chromiumFailedParameter)})`}`;
  const firefox = verdict.firefoxReason ?? 'allowed';
  lines.push(`  Chromium: ${chromium} · Firefox: ${firefox}${verdict.browsersDisagree ? style.yellow(' · the browsers disagree') : ''}`);
  if (verdict.observedError !== null) lines.push(`  Recorded error: ${safe(verdict.observedError)}`);
  if (exchange.hops.length > 1) {
    lines.push('  Redirects:');
    for (const hop of exchange.hops) lines.push(`    ${hop.status ?? '—'} ${safe(hop.method)} ${safe(hop.url)}`);
  }
  if (exchange.preflight !== null) lines.push(preflightLine(exchange.preflight));
  const message = exchange.consoleMessages.chromium ?? exchange.consoleMessages.firefox;
  if (message !== null) lines.push(`  Console: ${safe(message)}`);
  lines.push('  Checks:');
  for (const check of exchange.checks) lines.push(...checkLines(check, style));
  for (const warning of exchange.warnings) lines.push(`  ${style.yellow('!')} ${safe(warning.detail)}`);
  for (const fact of exchange.inferred) lines.push(`  ${style.dim(`Inferred: ${safe(fact.statement)} (${safe(fact.because)})`)}`);
  if (exchange.explanation !== null) {
    lines.push(`  Why: ${safe(exchange.explanation.title)}`);
    lines.push(indent(exchange.explanation.text, '    '));
    if (exchange.explanation.learnMoreUrl !== null) lines.push(`    Learn more: ${safe(exchange.explanation.learnMoreUrl)}`);
  }
  const fix = exchange.fix;
  if (fix !== null && (fix.headers.length > 0 || fix.note !== null)) {
    lines.push('  Fix:');
    if (fix.headers.length > 0) lines.push('    Send these response headers:', ...fix.headers.map((line) => `      ${safe(line)}`));
    if (fix.note !== null) lines.push(indent(fix.note, '    '));
    const frameworks = Object.keys(fix.snippets);
    if (frameworks.length > 0) lines.push(style.dim(`    Server snippets (${frameworks.join(', ')}): use --format json`));
  }
  return lines.join('\n');
}

/** The report as text, one line or one failure's details at a time (each chunk ends with a newline). */
export function* textChunks(report: Report, options: TextOptions = {}): Generator<string> {
  const style = options.style ?? PLAIN;
  const maxUrlLength = options.maxUrlLength ?? 100;
  yield `${header(report)}\n\n`;
  let urlWidth = 0;
  for (const exchange of report.exchanges) urlWidth = Math.max(urlWidth, Math.min(exchange.request.url.length, maxUrlLength));
  for (const exchange of report.exchanges) yield `${summaryLine(exchange, style, maxUrlLength, urlWidth)}\n`;
  for (const exchange of report.exchanges) {
    if (exchange.verdict.outcome === 'blocked') yield `\n${exchangeDetails(exchange, style)}\n`;
  }
}

/** The whole report as text, ending with a newline. */
export function renderText(report: Report, options: TextOptions = {}): string {
  return [...textChunks(report, options)].join('');
}
