/**
 * The hand-off commands of one exchange as the row menu and the details pane offer them: the
 * preflight and the request for the chosen shell, and the request as fetch(), each with its label
 * and what it says about itself (rebuilt from the preflight cache, never sent, body missing).
 * Built by src/shared/handoff; real values unless a `Redaction` is given.
 */
import type { CredentialsMode } from '../../shared/model/exchange.ts';
import type { Verdict } from '../../shared/cors/verdict.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import {
  actualRequest,
  fetchCommand,
  NOTE_TEXT,
  preflightCommand,
  preflightRequest,
  Redaction,
  requestCommand,
  type HandoffNote,
  type Shell,
} from '../../shared/handoff/index.ts';
import { SHELL_COMMAND } from './preferences.ts';

export type CopyKind = 'preflight' | 'request' | 'fetch';

export interface CopyCommand {
  readonly kind: CopyKind;
  /** "Copy preflight as cURL (bash)", "Copy as PowerShell", "Copy as fetch()". */
  readonly label: string;
  /** What a confirmation calls the copy: "the preflight as cURL (bash)". */
  readonly what: string;
  /** The command; null when there is none (the request needed no preflight). */
  readonly text: string | null;
  /** A few words on what is rebuilt or missing ("rebuilt: from the preflight cache"); null when nothing is. */
  readonly remark: string | null;
  /** The same in full sentences (the commands' own comments). */
  readonly detail: string | null;
}

export interface CopyOptions {
  readonly shell: Shell;
  /** Null copies real values, as the browsers do. */
  readonly redaction: Redaction | null;
}

/** A new redaction with a random salt (src/shared/handoff/redact.ts says why a salt). */
export function saltedRedaction(): Redaction {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return new Redaction([...bytes].map((b) => b.toString(16).padStart(2, '0')).join(''));
}

/**
 * The credentials mode the browser used when the recorder observed it (the evaluator's
 * `request.credentials` check); otherwise fetch() infers one and says so in a comment.
 */
export function observedCredentials(verdict: Verdict): CredentialsMode | undefined {
  const check = verdict.checks.find((c) => c.id === 'request.credentials');
  if (check?.provenance !== 'observed' || check.status !== 'pass') return undefined;
  return check.observed === 'include' ? 'include' : undefined;
}

/** Short remarks for the notes a menu should show (the rest stay in the command's comments). */
const REMARKS: Partial<Record<HandoffNote, string>> = {
  'preflight-from-cache': 'rebuilt: it came from the preflight cache',
  'preflight-not-recorded': 'rebuilt: not in the recording',
  'request-not-sent': 'never sent: Origin added',
  'body-not-recorded': 'body not recorded',
  'body-not-decodable': 'body not decodable',
};

function remarksOf(notes: readonly HandoffNote[]): { remark: string | null; detail: string | null } {
  const shown = notes.filter((n) => REMARKS[n] !== undefined);
  if (shown.length === 0) return { remark: null, detail: null };
  return { remark: shown.map((n) => REMARKS[n]).join('; '), detail: shown.map((n) => NOTE_TEXT[n]).join(' ') };
}

/** The three commands of `record` for `options.shell`. */
export function copyCommands(record: ExchangeRecord, options: CopyOptions): CopyCommand[] {
  const { exchange, verdict } = record;
  const { shell, redaction } = options;
  const preflight = preflightRequest(exchange);
  const request = actualRequest(exchange);
  const credentials = observedCredentials(verdict);
  const noPreflight = { remark: 'none: this request needed no preflight', detail: 'The browser sent no preflight for this request and needed none.' };
  return [
    {
      kind: 'preflight',
      label: `Copy preflight as ${SHELL_COMMAND[shell]}`,
      what: `the preflight as ${SHELL_COMMAND[shell]}${redaction === null ? '' : ', redacted'}`,
      text: preflightCommand(exchange, { shell, redaction }),
      ...(preflight === null ? noPreflight : remarksOf(preflight.notes)),
    },
    {
      kind: 'request',
      label: `Copy as ${SHELL_COMMAND[shell]}`,
      what: `the request as ${SHELL_COMMAND[shell]}${redaction === null ? '' : ', redacted'}`,
      text: requestCommand(exchange, { shell, redaction }),
      ...remarksOf(request?.notes ?? []),
    },
    {
      kind: 'fetch',
      label: 'Copy as fetch()',
      what: `the request as fetch()${redaction === null ? '' : ', redacted'}`,
      text: fetchCommand(exchange, { redaction, ...(credentials !== undefined && { credentials }) }),
      ...remarksOf(request?.notes ?? []),
    },
  ];
}
