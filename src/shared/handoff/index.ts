/**
 * Hand-off: what a developer gives a terminal or a server team — the preflight and request as
 * curl (bash/zsh, cmd) or PowerShell, the request as fetch(), credentials redacted on request, and
 * the escaping that keeps recorded values inert in every report format.
 */
export { SHELLS, fetchCommand, pageResend, preflightCommand, renderForShell, requestCommand, type CommandOptions, type PageResend, type Shell } from './commands.ts';
export { actualRequest, preflightRequest, type HandoffRequest } from './request-parts.ts';
export { curlInvocation, renderCurlCmd, renderCurlPosix, type CurlInvocation, type CurlWord } from './curl.ts';
export { renderPowerShell } from './powershell.ts';
export { jsString, renderFetch, type FetchContext } from './fetch.ts';
export { Redaction, isSecretName, redactExchange } from './redact.ts';
export { escapeJsonControls, htmlText, markdownCode, markdownFence, markdownText, visibleLine, visibleText } from './inert.ts';
export { NOTE_TEXT, type HandoffNote } from './notes.ts';
export { posixWord, printfFormat } from './quote-posix.ts';
export { cmdArgument, crtQuote, caretEscape } from './quote-cmd.ts';
export { powershellString } from './quote-powershell.ts';
