/**
 * The hand-off commands of one exchange, as the panel's row menu and details pane and the reports
 * offer them: its preflight and its actual request as curl (bash/zsh, cmd) or PowerShell, and the
 * request as fetch(). Real values by default, as the browsers copy them; pass a `Redaction` for
 * the variant that is safe to paste into a ticket.
 */
import type { CredentialsMode, ObservedExchange } from '../model/exchange.ts';
import { curlInvocation, renderCurlCmd, renderCurlPosix } from './curl.ts';
import { fetchCall, fetchComments, fetchSource, renderFetch, unrecordedPageHeaders } from './fetch.ts';
import { renderPowerShell } from './powershell.ts';
import { redactExchange, type Redaction } from './redact.ts';
import { actualRequest, preflightRequest, type HandoffRequest } from './request-parts.ts';

/** The shells DevTools offers: bash/zsh ("cURL (bash)"), Windows cmd ("cURL (cmd)"), PowerShell. */
export const SHELLS = ['bash', 'cmd', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

export interface CommandOptions {
  /** Default `bash`. */
  readonly shell?: Shell;
  /** Which leg of a redirect chain (default: the first preflighted leg, or the first leg). */
  readonly leg?: number;
  /** Redact credentials (see redact.ts); null or absent copies real values. */
  readonly redaction?: Redaction | null;
}

function prepared(exchange: ObservedExchange, options: CommandOptions): { exchange: ObservedExchange; redacted: boolean } {
  const redaction = options.redaction ?? null;
  return redaction === null ? { exchange, redacted: false } : { exchange: redactExchange(exchange, redaction), redacted: true };
}

function withRedactedNote(request: HandoffRequest | null, redacted: boolean): HandoffRequest | null {
  return request === null || !redacted ? request : { ...request, notes: ['redacted', ...request.notes] };
}

/** Renders a request for the chosen shell. */
export function renderForShell(request: HandoffRequest, shell: Shell = 'bash'): string {
  switch (shell) {
    case 'bash':
      return renderCurlPosix(curlInvocation(request));
    case 'cmd':
      return renderCurlCmd(curlInvocation(request));
    case 'powershell':
      return renderPowerShell(request);
    default: {
      const never: never = shell;
      return never;
    }
  }
}

/** "Copy preflight as cURL": null when no leg was, or needed to be, preflighted. */
export function preflightCommand(exchange: ObservedExchange, options: CommandOptions = {}): string | null {
  const { exchange: shown, redacted } = prepared(exchange, options);
  const request = withRedactedNote(preflightRequest(shown, options.leg === undefined ? {} : { leg: options.leg }), redacted);
  return request === null ? null : renderForShell(request, options.shell);
}

/** "Copy as cURL": the actual request as the browser sent it. */
export function requestCommand(exchange: ObservedExchange, options: CommandOptions = {}): string | null {
  const { exchange: shown, redacted } = prepared(exchange, options);
  const request = withRedactedNote(actualRequest(shown, options.leg === undefined ? {} : { leg: options.leg }), redacted);
  return request === null ? null : renderForShell(request, options.shell);
}

/** "Copy as fetch()": the actual request, runnable in a page's console. */
export function fetchCommand(
  exchange: ObservedExchange,
  options: Omit<CommandOptions, 'shell'> & { readonly credentials?: CredentialsMode } = {},
): string | null {
  const { exchange: shown, redacted } = prepared(exchange, options);
  const request = withRedactedNote(actualRequest(shown, options.leg === undefined ? {} : { leg: options.leg }), redacted);
  if (request === null) return null;
  return renderFetch(request, { exchange: shown, ...(options.credentials !== undefined && { credentials: options.credentials }) });
}

/** A re-send of the actual request from the page itself: what it sends, shown, and the expression that sends it. */
export interface PageResend {
  /** The fetch() call, with what the browser adds or what was inferred as comments: exactly what is sent. */
  readonly shown: string;
  /** One expression for the page (`devtools.inspectedWindow.eval`): starts the fetch, evaluates to true. */
  readonly expression: string;
  /** Page-set headers the recording names but lacks the values of: when any, re-sending would send another request. */
  readonly unrecorded: readonly string[];
}

/** The actual request as a fetch() the page makes again, real values (never redacted); null when there is none. */
export function pageResend(exchange: ObservedExchange, options: { readonly credentials?: CredentialsMode } = {}): PageResend | null {
  const request = actualRequest(exchange);
  if (request === null) return null;
  const call = fetchCall(request, { exchange, ...(options.credentials !== undefined && { credentials: options.credentials }) });
  const source = fetchSource(call);
  return {
    shown: `${fetchComments(call)}${source};`,
    // The outcome is read from the exchange the extension records, not from the page.
    expression: `(() => { ${source}.catch(() => undefined); return true; })()`,
    unrecorded: unrecordedPageHeaders(request, exchange),
  };
}
