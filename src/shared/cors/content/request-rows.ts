/** The request-level rows that open every CORS checklist: credentials mode and preflight need. */
import type { Check, PreflightTrigger } from '../verdict.ts';
import { check, SPEC } from './check-row.ts';
import { describeTrigger } from './describe-trigger.ts';

export function credentialsCheck(known: boolean | null, chosen: boolean, provenance: Check['provenance'], because: string): Check {
  return check({
    id: 'request.credentials',
    title: 'Credentials mode',
    status: known === null ? 'unknown' : 'pass',
    observed: chosen ? 'include' : 'not include',
    expected: 'credentials mode decides whether `*` is allowed and `Access-Control-Allow-Credentials` is needed',
    detail: known === null ? `Unknown (${because}); evaluated as ${chosen ? 'include' : 'not include'}.` : `${known ? 'include' : 'not include'}: ${because}.`,
    provenance: known === null ? 'inferred' : provenance,
    spec: SPEC.credentialsMode,
  });
}

/** Checklist rows show at most this much of a header value that triggered a preflight. */
const SHOWN_VALUE = 60;
const inWords = (t: PreflightTrigger): string => describeTrigger(t, SHOWN_VALUE);

export function preflightNeedCheck(triggers: readonly PreflightTrigger[], needed: boolean): Check {
  const words = triggers.map(inWords).join('; ');
  return check({
    id: 'request.preflight-needed',
    title: 'Does the request need a preflight?',
    status: 'pass',
    observed: triggers.length === 0 ? null : words,
    expected: 'a preflight when the method is not GET/HEAD/POST or a page-set header is not CORS-safelisted',
    detail: needed
      ? triggers.length === 0
        ? 'A preflight was sent although no visible trigger needs one (forced by upload listeners or a stream body).'
        : `Yes: ${words}.`
      : 'No: a safelisted method with only safelisted (or browser-added) headers.',
    provenance: 'observed',
    spec: SPEC.unsafeNames,
  });
}
