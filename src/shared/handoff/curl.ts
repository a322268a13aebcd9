/**
 * curl commands for a `HandoffRequest`, for bash/zsh (the default) and Windows cmd. The argument
 * list is built once (`curlInvocation`) and rendered per shell, so what a shell must receive is
 * testable apart from how it is quoted.
 *
 * Choices, and DevTools' where they agree (devtools-frontend `NetworkLogView.generateCurlCommand`):
 * - the URL first, `-X` only when curl would not infer the method, `--head` for HEAD (`-X HEAD`
 *   makes curl wait for a body that never comes);
 * - every header line in order, except those curl derives itself: `Host`, `Content-Length`, and
 *   `Accept-Encoding`, replaced by `--compressed` (DevTools: "ignored to prevent decompression
 *   errors", crbug.com/1015321); an empty value as `Name;` (curl's syntax for an empty header);
 * - the body with `--data-raw` (no `@file` meaning), and `-H 'Content-Type:'` when the browser
 *   sent none, so curl does not add its own `application/x-www-form-urlencoded`;
 * - `-g` (no URL globbing) when the URL has `[ ] { }`; DevTools backslash-escapes them instead;
 * - `-i`, so the answer's status line and CORS headers show.
 */
import type { HttpHeader } from '../model/exchange.ts';
import type { HandoffNote } from './notes.ts';
import { NOTE_TEXT } from './notes.ts';
import { cmdArgument, type CmdDropped } from './quote-cmd.ts';
import { posixWord, printfFormat } from './quote-posix.ts';
import type { HandoffRequest } from './request-parts.ts';

/** One word of the command: our own option flag (written as is) or a value (quoted). */
export type CurlWord = { readonly flag: string } | { readonly value: string | Uint8Array };

export interface CurlInvocation {
  /** Words after `curl`, one group per line of the rendered command. */
  readonly groups: readonly (readonly CurlWord[])[];
  /** The body, sent last: `--data-raw` where the shell can carry it, else through a pipe. */
  readonly body: Uint8Array | null;
  readonly notes: readonly HandoffNote[];
}

const DERIVED_BY_CURL = new Set(['host', 'content-length', 'accept-encoding']);

const flag = (name: string): CurlWord => ({ flag: name });
const value = (v: string | Uint8Array): CurlWord => ({ value: v });

function headerWord(h: HttpHeader): CurlWord {
  return value(h.value.trim() === '' ? `${h.name};` : `${h.name}: ${h.value}`);
}

export function curlInvocation(request: HandoffRequest): CurlInvocation {
  const groups: CurlWord[][] = [];
  const first: CurlWord[] = [flag('-i')];
  if (/[[\]{}]/.test(request.url)) first.push(flag('-g'));
  first.push(value(request.url));
  groups.push(first);
  const body = request.body?.bytes ?? null;
  if (request.method === 'HEAD') groups.push([flag('--head')]);
  else if (request.method !== (body === null ? 'GET' : 'POST')) groups.push([flag('-X'), value(request.method)]);
  let compressed = false;
  for (const h of request.headers) {
    const name = h.name.toLowerCase();
    if (name.startsWith(':') || DERIVED_BY_CURL.has(name)) {
      compressed ||= name === 'accept-encoding';
      continue;
    }
    groups.push([flag('-H'), headerWord(h)]);
  }
  if (body !== null && !request.headers.some((h) => h.name.toLowerCase() === 'content-type')) {
    groups.push([flag('-H'), value('Content-Type:')]);
  }
  if (compressed) groups.push([flag('--compressed')]);
  return { groups, body, notes: request.notes };
}

/** Joins rendered groups as DevTools does: one option per line, continued with `\` (bash) or `^` (cmd). */
function lines(groups: readonly string[], continuation: string): string {
  return `curl ${groups.join(`${continuation}\n  `)}`;
}

/**
 * The command for bash and zsh. NUL bytes cannot be in an argument: in a URL or header they are
 * left out (and the command says so); a body with NUL goes through `printf … | curl --data-binary @-`.
 */
export function renderCurlPosix(invocation: CurlInvocation): string {
  const notes = [...invocation.notes];
  const word = (w: CurlWord): string => {
    if ('flag' in w) return w.flag;
    const quoted = posixWord(w.value);
    if (quoted !== null) return quoted;
    if (!notes.includes('nul-dropped')) notes.push('nul-dropped');
    const bytes = typeof w.value === 'string' ? w.value.replace(/\u0000/g, '') : w.value.filter((b) => b !== 0);
    return posixWord(bytes) ?? "''";
  };
  const groups = invocation.groups.map((g) => g.map(word).join(' '));
  let prefix = '';
  if (invocation.body !== null) {
    const data = posixWord(invocation.body);
    if (data !== null) groups.push(`--data-raw ${data}`);
    else {
      groups.push('--data-binary @-');
      prefix = `printf ${printfFormat(invocation.body)} | `;
    }
  }
  const comments = notes.map((n) => `# ${NOTE_TEXT[n]}\n`).join('');
  return `${comments}${prefix}${lines(groups, ' \\')}`;
}

const CMD_NOTE: Record<CmdDropped, HandoffNote> = {
  nul: 'cmd-nul-dropped',
  'carriage-return': 'cmd-carriage-return-dropped',
  control: 'cmd-control-dropped',
  'invalid-utf8': 'cmd-invalid-utf8-dropped',
};

/** The command for Windows cmd.exe (see quote-cmd.ts); what cmd cannot carry is named in `REM` lines. */
export function renderCurlCmd(invocation: CurlInvocation): string {
  const notes = [...invocation.notes];
  const add = (note: HandoffNote): void => void (notes.includes(note) ? undefined : notes.push(note));
  const word = (w: CurlWord): string => {
    if ('flag' in w) return w.flag;
    const arg = cmdArgument(w.value);
    arg.dropped.forEach((d) => add(CMD_NOTE[d]));
    if (arg.nonAscii) add('cmd-non-ascii');
    return arg.text;
  };
  const groups = invocation.groups.map((g) => g.map(word).join(' '));
  if (invocation.body !== null) groups.push(`--data-raw ${word(value(invocation.body))}`);
  const comments = notes.map((n) => `REM ${NOTE_TEXT[n]}\n`).join('');
  return `${comments}${lines(groups, ' ^')}`;
}
