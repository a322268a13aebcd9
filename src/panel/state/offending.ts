/**
 * Which headers the Headers tab marks as "offending": by the verdict's reason code (a table, so a
 * new code is a type error), on the leg and request the decisive check names (`preflight.headers`,
 * `leg1.response.allow-origin`, `leg0.redirect.location`, …).
 */
import type { ReasonCode } from '../../shared/cors/codes.ts';
import type { Verdict } from '../../shared/cors/verdict.ts';
import { decisiveCheck } from './short-verdict.ts';

export interface Offending {
  /** The leg (hop) of the redirect chain the failure is on. */
  readonly leg: number;
  /** Which response of that leg the failing check read. */
  readonly phase: 'preflight' | 'actual';
  /** Lower-cased response header names to mark. */
  readonly response: readonly string[];
  /** Lower-cased request header names to mark (in the preflight and the actual request). */
  readonly request: readonly string[];
  /** The check's one-sentence detail, shown next to the mark. */
  readonly detail: string;
}

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const CREDENTIALS = ['cookie', 'authorization'];

const HEADERS: Readonly<Record<ReasonCode, { readonly response: readonly string[]; readonly request: readonly string[] }>> = {
  'disallowed-by-mode': { response: [], request: ['sec-fetch-mode'] },
  'cors-disabled-scheme': { response: [], request: [] },
  'missing-allow-origin': { response: [ACAO], request: ['origin'] },
  'multiple-allow-origin': { response: [ACAO], request: ['origin'] },
  'invalid-allow-origin': { response: [ACAO], request: ['origin'] },
  'allow-origin-mismatch': { response: [ACAO], request: ['origin'] },
  'wildcard-origin-with-credentials': { response: [ACAO], request: CREDENTIALS },
  'invalid-allow-credentials': { response: [ACAC], request: CREDENTIALS },
  'preflight-missing-allow-origin': { response: [ACAO], request: ['origin'] },
  'preflight-multiple-allow-origin': { response: [ACAO], request: ['origin'] },
  'preflight-invalid-allow-origin': { response: [ACAO], request: ['origin'] },
  'preflight-allow-origin-mismatch': { response: [ACAO], request: ['origin'] },
  'preflight-wildcard-origin-with-credentials': { response: [ACAO], request: CREDENTIALS },
  'preflight-invalid-allow-credentials': { response: [ACAC], request: CREDENTIALS },
  'preflight-invalid-status': { response: [], request: [] },
  'preflight-redirect': { response: ['location'], request: [] },
  'preflight-network-error': { response: [], request: [] },
  'invalid-allow-methods': { response: ['access-control-allow-methods'], request: ['access-control-request-method'] },
  'invalid-allow-headers': { response: ['access-control-allow-headers'], request: ['access-control-request-headers'] },
  'method-disallowed-by-preflight': { response: ['access-control-allow-methods'], request: ['access-control-request-method'] },
  'header-disallowed-by-preflight': { response: ['access-control-allow-headers'], request: ['access-control-request-headers'] },
  'redirect-contains-credentials': { response: ['location'], request: [] },
  'network-error': { response: [], request: [] },
  'local-network-access': { response: ['access-control-allow-private-network'], request: ['access-control-request-private-network'] },
  'blocked-cause-not-visible': { response: [], request: [] },
};

const CHECK_ID = /^(?:leg(\d+)\.)?(preflight|response|redirect)\./;

export function offendingHeaders(verdict: Verdict, legCount: number): Offending | null {
  const check = decisiveCheck(verdict);
  const code = verdict.code ?? check?.code ?? null;
  if (code === null) return null;
  const match = check ? CHECK_ID.exec(check.id) : null;
  const leg = match?.[1] !== undefined ? Number(match[1]) : legCount - 1;
  const phase = match ? (match[2] === 'preflight' ? 'preflight' : 'actual') : code.startsWith('preflight') ? 'preflight' : 'actual';
  const { response, request } = HEADERS[code];
  const extra = code === 'header-disallowed-by-preflight' ? (verdict.chromium.failedParameter ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== '') : [];
  return { leg, phase, response, request: [...request, ...extra], detail: check?.detail ?? '' };
}
