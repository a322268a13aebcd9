/**
 * `fetch()` for a `HandoffRequest`, runnable in a page's console: the URL, method, the headers
 * the page set, the body, and the mode and credentials mode the browser used — or the inferred
 * ones, said so in a comment. devtools-frontend's "Copy as fetch" (`generateFetchCall`) always
 * writes `mode: "cors"` and guesses credentials from Cookie/Authorization; here the recorded mode
 * wins, and the guess is labelled.
 *
 * Headers a page cannot set (https://fetch.spec.whatwg.org/#forbidden-request-header: `Origin`,
 * `Cookie`, `Host`, `Sec-*`, …) and those the browser added are left out: the browser adds them
 * again when the code runs. A page-set header list is taken from the preflight's
 * `Access-Control-Request-Headers` when there was one (the browser's own list).
 */
import type { CredentialsMode, ObservedExchange, RequestMode } from '../model/exchange.ts';
import { requestMode, requestOriginOf, splitPageHeaders } from '../cors/index.ts';
import { escapeJsonControls } from './inert.ts';
import type { HandoffNote } from './notes.ts';
import { NOTE_TEXT } from './notes.ts';
import type { HandoffRequest } from './request-parts.ts';

/** A JavaScript string literal: JSON's, with C1, bidi and line-separator characters as `\u` escapes. */
export function jsString(text: string): string {
  return escapeJsonControls(JSON.stringify(text));
}

export interface FetchContext {
  /** The exchange the request came from (for the recorded or inferred mode and credentials). */
  readonly exchange: ObservedExchange;
  /** The credentials mode when the caller knows it (the evaluator's check); else recorded or inferred. */
  readonly credentials?: CredentialsMode;
}

function modeOf(exchange: ObservedExchange, notes: HandoffNote[]): RequestMode {
  if (exchange.mode !== undefined) return exchange.mode;
  const guess = requestMode(exchange, requestOriginOf(exchange).origin);
  if (guess.provenance === 'inferred') notes.push('fetch-mode-inferred');
  return guess.mode;
}

function credentialsOf(request: HandoffRequest, context: FetchContext, notes: HandoffNote[]): CredentialsMode {
  const known = context.credentials ?? context.exchange.credentialsMode;
  if (known !== undefined) return known;
  notes.push('fetch-credentials-inferred');
  const sent = request.headers.some((h) => ['cookie', 'authorization'].includes(h.name.toLowerCase()));
  return sent ? 'include' : 'same-origin';
}

function acrhOf(exchange: ObservedExchange): string[] | null {
  for (const leg of exchange.legs) {
    const preflight = leg.preflight;
    if (preflight?.kind !== 'observed') continue;
    const value = preflight.request.headers.find((h) => h.name.toLowerCase() === 'access-control-request-headers')?.value;
    if (value !== undefined) return value.split(',').map((n) => n.trim()).filter((n) => n !== '');
  }
  return null;
}

/**
 * Headers the page set whose values the recording lacks: named by the preflight's
 * `Access-Control-Request-Headers` but absent from the request (Chromium reports only provisional
 * headers for a request blocked at its preflight). A call without them is a different request.
 */
export function unrecordedPageHeaders(request: HandoffRequest, exchange: ObservedExchange): string[] {
  const sent = new Set(request.headers.map((h) => h.name.toLowerCase()));
  return (acrhOf(exchange) ?? []).map((n) => n.toLowerCase()).filter((n) => !sent.has(n));
}

/** What a fetch() call sends: the URL and its `init` options, rendered as JavaScript source. */
export interface FetchCall {
  readonly url: string;
  /** The `init` object's lines (`  method: "PUT"`, …): method, mode, credentials, headers, body. */
  readonly options: readonly string[];
  readonly notes: readonly HandoffNote[];
}

/** The fetch() call for the actual request (a preflight is not something a page can send). */
export function fetchCall(request: HandoffRequest, context: FetchContext): FetchCall {
  const notes: HandoffNote[] = request.notes.filter((n) => n !== 'request-not-sent');
  const split = splitPageHeaders(request.headers, acrhOf(context.exchange));
  if (split.browser.length > 0) notes.push('fetch-forbidden-headers');
  const mode = modeOf(context.exchange, notes);
  const credentials = credentialsOf(request, context, notes);
  const names = split.page.map((h) => h.name.toLowerCase());
  const duplicated = new Set(names).size !== names.length;
  const headers = split.page.map((h) =>
    duplicated ? `    [${jsString(h.name)}, ${jsString(h.value)}]` : `    ${jsString(h.name)}: ${jsString(h.value)}`,
  );
  const options = [`  method: ${jsString(request.method)}`, `  mode: ${jsString(mode)}`, `  credentials: ${jsString(credentials)}`];
  if (headers.length > 0) options.push(duplicated ? `  headers: [\n${headers.join(',\n')},\n  ]` : `  headers: {\n${headers.join(',\n')},\n  }`);
  const body = request.body;
  if (body !== null) {
    options.push(body.text !== null ? `  body: ${jsString(body.text)}` : `  body: new Uint8Array([${body.bytes.join(', ')}])`);
  }
  return { url: request.url, options, notes };
}

/** `fetch(url, { … })`, without `await` or a statement's end. */
export function fetchSource(call: FetchCall): string {
  return `fetch(${jsString(call.url)}, {\n${call.options.join(',\n')},\n})`;
}

/** The call's notes as JavaScript line comments, one a line. */
export function fetchComments(call: FetchCall): string {
  return call.notes.map((n) => `// ${NOTE_TEXT[n]}\n`).join('');
}

/** The fetch() call for the actual request, as a console statement with its notes as comments. */
export function renderFetch(request: HandoffRequest, context: FetchContext): string {
  const call = fetchCall(request, context);
  return `${fetchComments(call)}await ${fetchSource(call)};`;
}
