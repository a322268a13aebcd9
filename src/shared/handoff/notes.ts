/**
 * What a hand-off command says about itself, as codes with fixed wording: a rebuilt preflight, a
 * request the browser never sent, bytes a shell cannot carry. Every note is our own text (plain
 * ASCII letters and punctuation, no shell metacharacter), so it can go into a `#`, `REM` or `//`
 * comment line unquoted.
 */

export type HandoffNote =
  | 'preflight-from-cache'
  | 'preflight-not-recorded'
  | 'request-not-sent'
  | 'body-not-recorded'
  | 'body-not-decodable'
  | 'surrogates-replaced'
  | 'redacted'
  | 'nul-dropped'
  | 'cmd-nul-dropped'
  | 'cmd-carriage-return-dropped'
  | 'cmd-control-dropped'
  | 'cmd-invalid-utf8-dropped'
  | 'cmd-non-ascii'
  | 'powershell-error-status'
  | 'fetch-forbidden-headers'
  | 'fetch-mode-inferred'
  | 'fetch-credentials-inferred';

export const NOTE_TEXT: Record<HandoffNote, string> = {
  'preflight-from-cache':
    'Rebuilt from the request: this preflight was answered from the browser preflight cache and never went on the wire.',
  'preflight-not-recorded': 'Rebuilt from the request: the recording has no preflight for it, but the browser needs one.',
  'request-not-sent':
    'The browser never sent this request (it stopped at the preflight): these are the headers it had prepared, with Origin added as it would have sent it.',
  'body-not-recorded': 'The request had a body, but the recording does not include it.',
  'body-not-decodable': 'The recorded body is not valid base64 and is left out.',
  'surrogates-replaced': 'The recorded text has unpaired UTF-16 surrogates; they are sent as U+FFFD, as the browser does.',
  'redacted': 'Redacted: values shown as [REDACTED-length-hash] are not the real ones.',
  'nul-dropped': 'A URL or header value held NUL bytes, which no command-line argument can carry: they are left out.',
  'cmd-nul-dropped': 'NUL bytes cannot be passed on a cmd command line: they are left out. Use the bash or PowerShell command.',
  'cmd-carriage-return-dropped': 'Carriage returns cannot be passed on a cmd command line: they are left out. Use the bash or PowerShell command.',
  'cmd-control-dropped': 'Control characters cannot be pasted into cmd: they are left out. Use the bash or PowerShell command.',
  'cmd-invalid-utf8-dropped': 'The body is not valid UTF-8, which cmd cannot pass: those bytes are left out. Use the bash or PowerShell command.',
  'cmd-non-ascii':
    'Non-ASCII characters reach curl intact only when it reads a Unicode command line; otherwise use the bash or PowerShell command.',
  'powershell-error-status': 'Windows PowerShell stops at a non-2xx answer; in PowerShell 7 add -SkipHttpErrorCheck to see it.',
  'fetch-forbidden-headers':
    'Left out: headers a page cannot set (the browser adds Origin, Cookie, Sec-Fetch-*, Host and the like itself).',
  'fetch-mode-inferred': 'The request mode was not recorded: inferred.',
  'fetch-credentials-inferred': 'The credentials mode was not recorded: inferred from the cookies and headers sent.',
};
