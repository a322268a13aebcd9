/**
 * HTML rendering of a Report: one self-contained file — inline CSS, no script, no external
 * resource, a Content-Security-Policy that forbids loading anything (`default-src 'none'`) — that
 * reads offline and prints. Each failure group carries what the panel's Explanation tab shows:
 * the verdict, what happened, how to fix it (headers, note, server snippets), the checklist, both
 * browsers' messages, why a preflight was needed, warnings and inferred facts; plus the URLs of
 * the group, the raw headers of every leg and the curl commands.
 *
 * Inert by construction: every string goes through `htmlText` (the five special characters as
 * entities, control and bidi characters visible); attributes carry only our own constants. The
 * only link is MDN's page for a reason, and only when it is an https://developer.mozilla.org URL.
 */
import type { CheckStatus } from '../cors/verdict.ts';
import type { HttpHeader } from '../model/exchange.ts';
import { htmlText } from '../handoff/inert.ts';
import { failureGroups, recorderMessage, warningGroups, type FailureGroup } from './groups.ts';
import { HTML_REPORT_CSS } from './html-style.ts';
import { richSegments } from './rich.ts';
import { serverFixLines } from '../cors/fix/render.ts';
import type { Report, ReportExchange, ReportHop } from './types.ts';

export interface HtmlOptions {
  /** Show this server's snippet open; the others stay folded. */
  readonly server?: string;
}

const RECORDER = { chromium: 'Chromium', firefox: 'Firefox', unknown: 'an unknown browser' } as const;
const OUTCOME = { blocked: ['bad', '✗ blocked'], allowed: ['good', '✓ allowed'], 'not-cors': ['muted', '· not CORS'] } as const;
const CHECK: Record<CheckStatus, readonly [string, string]> = { pass: ['good', '✓'], fail: ['bad', '✗'], unknown: ['warn', '?'], 'not-applicable': ['muted', '–'] };
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

const t = htmlText;
const code = (text: string): string => `<code>${t(text)}</code>`;
const pre = (text: string): string => `<pre>${t(text)}</pre>`;

function rich(text: string): string {
  return richSegments(text)
    .map((s) => (s.code ? code(s.text) : t(s.text)))
    .join('');
}

function headerTable(title: string, headers: readonly HttpHeader[] | null): string {
  if (headers === null) return `<h4>${t(title)}</h4><p class="muted">none recorded</p>`;
  const rows = headers.map((h) => `<tr><th>${t(h.name)}</th><td>${code(h.value)}</td></tr>`).join('');
  return `<h4>${t(title)}</h4><table>${rows}</table>`;
}

function hopDetails(hop: ReportHop, index: number, count: number): string {
  const label = count > 1 ? `Hop ${index + 1}: ` : '';
  const parts: string[] = [];
  if (hop.preflight !== null) {
    const how = hop.preflight.fromCache ? 'answered from the preflight cache (inferred; nothing went on the wire)' : `status ${hop.preflight.status ?? 'none'}`;
    parts.push(`<p>Preflight: ${t(how)}</p>`);
    if (!hop.preflight.fromCache) parts.push(headerTable('Preflight request headers', hop.preflight.requestHeaders));
    parts.push(headerTable(hop.preflight.fromCache ? 'Cached preflight answer' : 'Preflight response headers', hop.preflight.responseHeaders));
  }
  parts.push(headerTable(`Request headers${hop.requestHeadersProvisional ? ' (provisional: the request never went on the wire)' : ''}`, hop.requestHeaders));
  parts.push(headerTable(`Response headers${hop.status === null ? '' : ` (status ${hop.status})`}`, hop.responseHeaders));
  return `<details><summary>${t(`${label}${hop.method} ${hop.url}`)} — raw headers</summary>${parts.join('')}</details>`;
}

function mdnLink(url: string | null): string {
  if (url === null) return '';
  return url.startsWith('https://developer.mozilla.org/') ? `<p><a href="${t(url)}" rel="noreferrer">Learn more on MDN</a></p>` : `<p>Learn more: ${code(url)}</p>`;
}

function fixSection(x: ReportExchange, server: string | undefined, alike: number): string {
  const fix = x.fix;
  if (fix === null) return '';
  const parts = ['<h4>How to fix it</h4>'];
  if (fix.server === null) parts.push('<p>No change to the server\'s responses fixes this.</p>');
  else if (fix.server.length > 0) {
    parts.push('<p>Change these responses (each line replaces the header of that name):</p>', pre(serverFixLines(fix.server).join('\n')));
    if (alike > 0) parts.push('<p>The same for each exchange listed above, at its own URLs.</p>');
  }
  if (fix.note !== null) parts.push(`<p>${rich(fix.note)}</p>`);
  for (const [framework, snippet] of Object.entries(fix.snippets)) {
    parts.push(`<details${framework === server ? ' open' : ''}><summary>${t(framework)}</summary>${pre(snippet)}</details>`);
  }
  return parts.join('');
}

function browsersSection(report: Report, x: ReportExchange): string {
  const p = x.verdict.chromiumFailedParameter;
  const chromium = x.verdict.chromiumCorsError === null ? 'allowed' : `${code(x.verdict.chromiumCorsError)}${p === null || p === '' ? '' : ` (${code(p)})`}`;
  const firefox = x.verdict.firefoxReason === null ? 'allowed' : code(x.verdict.firefoxReason);
  const rows = [`<tr><th>Chromium</th><td>${chromium}</td><td>${x.consoleMessages.chromium === null ? '' : t(x.consoleMessages.chromium)}</td></tr>`, `<tr><th>Firefox</th><td>${firefox}</td><td>${x.consoleMessages.firefox === null ? '' : t(x.consoleMessages.firefox)}</td></tr>`];
  return `<h4>Browser messages</h4><table>${(report.source.recorder === 'firefox' ? rows.reverse() : rows).join('')}</table>`;
}

function checklist(x: ReportExchange): string {
  const items = x.checks.map((c) => {
    const [cls, mark] = CHECK[c.status];
    const detail =
      c.status === 'fail' || c.status === 'unknown'
        ? `<div class="detail">observed ${c.observed === null ? 'nothing' : code(c.observed)}; expected ${rich(c.expected)}${c.detail === '' ? '' : `<br>${rich(c.detail)}`}</div>`
        : '';
    return `<li><span class="${cls}">${mark}</span> ${rich(c.title)}${detail}</li>`;
  });
  return `<h4>Checklist</h4><ul class="checks">${items.join('')}</ul>`;
}

function failureArticle(report: Report, group: FailureGroup, server: string | undefined): string {
  const x = group.first;
  const urls = group.exchanges.map((e) => `<li>#${t(e.id)} ${code(e.request.method)} ${code(e.request.url)}</li>`).join('');
  const message = recorderMessage(report, x);
  const triggers = x.classification.preflightTriggers;
  const facts = [...x.warnings.map((w) => `<li><span class="warn">warning</span> ${rich(w.detail)}</li>`), ...x.inferred.map((f) => `<li><span class="muted">inferred</span> ${rich(f.statement)}${f.because === '' ? '' : ` — ${rich(f.because)}`}</li>`)];
  return [
    '<article>',
    `<h3><span class="bad">✗</span> ${rich(x.explanation?.title ?? x.verdict.summary)}</h3>`,
    `<p>${t(x.verdict.summary)}${x.classification.origin === null ? '' : ` · origin ${code(x.classification.origin)}`} · ${group.exchanges.length} exchange${group.exchanges.length === 1 ? '' : 's'}</p>`,
    `<ul>${urls}</ul>`,
    message === null ? '' : `<p class="muted">${t(message)}</p>`,
    x.explanation === null ? '' : `<h4>What happened</h4><p>${rich(x.explanation.text)}</p>${mdnLink(x.explanation.learnMoreUrl)}`,
    fixSection(x, server, group.exchanges.length - 1),
    checklist(x),
    browsersSection(report, x),
    triggers.length === 0 ? '' : `<h4>Why was this preflighted?</h4><ul>${triggers.map((tr) => `<li>${code(tr)}</li>`).join('')}</ul>`,
    facts.length === 0 ? '' : `<h4>Warnings and inferred facts</h4><ul>${facts.join('')}</ul>`,
    x.curl.preflight === null ? '' : `<h4>Reproduce the preflight</h4>${pre(x.curl.preflight)}`,
    x.curl.request === null ? '' : `<h4>Reproduce the request</h4>${pre(x.curl.request)}`,
    `<h4>Raw headers</h4>${x.hops.map((hop, i) => hopDetails(hop, i, x.hops.length)).join('')}`,
    '</article>',
  ].join('\n');
}

function summary(report: Report): string {
  const s = report.summary;
  const rows = report.exchanges
    .map((x) => {
      const [cls, label] = OUTCOME[x.verdict.outcome];
      return `<tr><td class="num">${t(x.id)}</td><td class="${cls}">${label}</td><td>${code(x.request.method)}</td><td class="url">${t(x.request.url)}</td><td>${t(x.verdict.summary)}</td></tr>`;
    })
    .join('\n');
  return [
    `<table><tr><th class="num">Blocked</th><th class="num">Allowed</th><th class="num">Not CORS</th><th class="num">Total</th></tr><tr><td class="num">${s.blocked}</td><td class="num">${s.allowed}</td><td class="num">${s.notCors}</td><td class="num">${s.exchanges}</td></tr></table>`,
    rows === '' ? '' : `<table><tr><th class="num">#</th><th>Outcome</th><th>Method</th><th>URL</th><th>Verdict</th></tr>\n${rows}</table>`,
  ].join('\n');
}

/** The report as one self-contained HTML document. */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const { source } = report;
  const groups = failureGroups(report.exchanges);
  const warnings = warningGroups(report.exchanges);
  const from = source.file === undefined ? '' : ` from ${code(source.file)}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>CORS report</title><style>${HTML_REPORT_CSS}</style></head><body>`,
    '<header><h1>CORS report</h1>',
    `<p class="muted">${report.summary.exchanges} exchange${report.summary.exchanges === 1 ? '' : 's'}${from}, recorded by ${RECORDER[source.recorder]}. Generated ${t(report.generatedAt)} by ${t(`${report.generator.name} ${report.generator.version}`)}.</p>`,
    report.redacted ? '<p class="muted">Credentials are redacted: <code>[REDACTED-length-hash]</code> stands for a secret (equal secrets have equal markers).</p>' : '<p class="warn"><strong>Credentials are not redacted.</strong></p>',
    report.only === 'blocked' ? '<p>Only the blocked exchanges are listed.</p>' : '',
    '</header>',
    `<section><h2>Summary</h2>${summary(report)}</section>`,
    groups.length === 0 ? '' : `<section><h2>Failures</h2>${groups.map((g) => failureArticle(report, g, options.server)).join('\n')}</section>`,
    warnings.length === 0
      ? ''
      : `<section><h2>Warnings on exchanges that were not blocked</h2><ul>${warnings
          .map(({ warning, exchanges }) => `<li>${rich(warning.detail)}<ul>${exchanges.map((e) => `<li>#${t(e.id)} ${code(e.request.method)} ${code(e.request.url)}</li>`).join('')}</ul></li>`)
          .join('')}</ul></section>`,
    '</body></html>',
    '',
  ].join('\n');
}
