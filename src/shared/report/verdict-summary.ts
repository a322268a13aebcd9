/**
 * The one-line verdict of the text report and `verdict.summary` ("Preflight: Allow-Headers lacks
 * content-type"). A `Record<ReasonCode, …>` so a new reason code without a phrase is a type error.
 */
import type { ReasonCode } from '../cors/codes.ts';
import type { Classification, Verdict } from '../cors/verdict.ts';

type Phrase = (parameter: string | null) => string;

/** `withValue(p, text)` when the failing value is known, `without` otherwise (Chromium sends `""` for "absent"). */
const either = (parameter: string | null, withValue: (value: string) => string, without: string): string =>
  parameter === null || parameter === '' ? without : withValue(parameter);
const quoted = (parameter: string | null, fallback: string): string => (parameter === null || parameter === '' ? fallback : parameter);
/** ` (value)` / ` value` when the value is known; nothing for null or "" (no empty parentheses). */
const paren = (parameter: string | null): string => (parameter === null || parameter === '' ? '' : ` (${parameter})`);
const spaced = (parameter: string | null): string => (parameter === null || parameter === '' ? '' : ` ${parameter}`);

const PHRASES: Record<ReasonCode, Phrase> = {
  'disallowed-by-mode': () => 'Cross-origin request in same-origin mode',
  'cors-disabled-scheme': (p) => either(p, (v) => `Scheme ${v} does not support CORS`, 'Scheme does not support CORS'),
  'missing-allow-origin': () => 'No Access-Control-Allow-Origin',
  'multiple-allow-origin': (p) => `Access-Control-Allow-Origin sent more than once${paren(p)}`,
  'invalid-allow-origin': (p) => `Invalid Access-Control-Allow-Origin${spaced(p)}`,
  'allow-origin-mismatch': (p) => `Access-Control-Allow-Origin${spaced(p)} is not the request's origin`,
  'wildcard-origin-with-credentials': () => 'Access-Control-Allow-Origin * with credentials',
  'invalid-allow-credentials': (p) =>
    either(p, (v) => `Access-Control-Allow-Credentials is ${v}, not "true"`, 'Access-Control-Allow-Credentials is not "true"'),
  'preflight-missing-allow-origin': () => 'Preflight: no Access-Control-Allow-Origin',
  'preflight-multiple-allow-origin': (p) => `Preflight: Access-Control-Allow-Origin sent more than once${paren(p)}`,
  'preflight-invalid-allow-origin': (p) => `Preflight: invalid Access-Control-Allow-Origin${spaced(p)}`,
  'preflight-allow-origin-mismatch': (p) => `Preflight: Access-Control-Allow-Origin${spaced(p)} is not the request's origin`,
  'preflight-wildcard-origin-with-credentials': () => 'Preflight: Access-Control-Allow-Origin * with credentials',
  'preflight-invalid-allow-credentials': (p) =>
    either(p, (v) => `Preflight: Access-Control-Allow-Credentials is ${v}, not "true"`, 'Preflight: Access-Control-Allow-Credentials is not "true"'),
  'preflight-invalid-status': (p) => either(p, (v) => `Preflight: status ${v} is not 2xx`, 'Preflight: status is not 2xx'),
  'preflight-redirect': () => 'Preflight was redirected',
  'preflight-network-error': () => 'Preflight failed at the network level',
  'invalid-allow-methods': (p) => `Preflight: Allow-Methods is not a token list${paren(p)}`,
  'invalid-allow-headers': (p) => `Preflight: Allow-Headers is not a token list${paren(p)}`,
  'method-disallowed-by-preflight': (p) => `Preflight: Allow-Methods lacks ${quoted(p, 'the method')}`,
  'header-disallowed-by-preflight': (p) => `Preflight: Allow-Headers lacks ${quoted(p, 'a requested header')}`,
  'redirect-contains-credentials': () => 'Redirect to a URL with credentials',
  'network-error': (p) => either(p, (v) => `Network error (${v})`, 'Network error'),
  'local-network-access': () => 'Local Network Access blocked',
  'blocked-cause-not-visible': () => 'Blocked; the cause is not in the recording',
};

/** The recorder's failure parameter: Chromium's `failedParameter` when it reports the same code. */
function failureParameter(verdict: Verdict): string | null {
  if (verdict.chromium.code === verdict.code && verdict.chromium.failedParameter !== null) {
    return verdict.chromium.failedParameter;
  }
  const failing = verdict.checks.find((check) => check.status === 'fail' && check.code === verdict.code);
  return failing?.observed ?? null;
}

const NOT_CORS: Record<Classification['kind'], string> = {
  'same-origin': 'Same-origin',
  navigation: 'Navigation',
  'no-cors': 'no-cors request (opaque response)',
  cors: 'Not a CORS decision',
};

export function verdictSummary(verdict: Verdict, preflight: { fromCache: boolean; remainingSeconds: number | null } | null): string {
  if (verdict.outcome === 'not-cors') return verdict.code === null ? NOT_CORS[verdict.classification.kind] : PHRASES[verdict.code](failureParameter(verdict));
  if (verdict.outcome === 'blocked') {
    return verdict.code === null ? 'Blocked' : PHRASES[verdict.code](failureParameter(verdict));
  }
  if (preflight === null) return 'Allowed';
  if (!preflight.fromCache) return 'Allowed after preflight';
  return preflight.remainingSeconds === null
    ? 'Allowed (preflight cached)'
    : `Allowed (preflight cached, ${Math.max(0, Math.round(preflight.remainingSeconds))} s left)`;
}

