/** Checklist rows: the Fetch Standard anchors they cite, and their one constructor. */
import type { Check, Provenance } from '../verdict.ts';

export const SPEC = {
  corsCheck: 'https://fetch.spec.whatwg.org/#cors-check',
  preflight: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  preflightCache: 'https://fetch.spec.whatwg.org/#cors-preflight-cache',
  redirect: 'https://fetch.spec.whatwg.org/#concept-http-redirect-fetch',
  okStatus: 'https://fetch.spec.whatwg.org/#ok-status',
  credentials: 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials',
  mainFetch: 'https://fetch.spec.whatwg.org/#concept-main-fetch',
  mode: 'https://fetch.spec.whatwg.org/#concept-request-mode',
  credentialsMode: 'https://fetch.spec.whatwg.org/#concept-request-credentials-mode',
  taintedOrigin: 'https://fetch.spec.whatwg.org/#concept-request-tainted-origin',
  unsafeNames: 'https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names',
  safelistedMethod: 'https://fetch.spec.whatwg.org/#cors-safelisted-method',
  exposeHeaders: 'https://fetch.spec.whatwg.org/#http-access-control-expose-headers',
  maxAge: 'https://fetch.spec.whatwg.org/#http-access-control-max-age',
  httpCaches: 'https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches',
} as const;

/** A checklist row as a walk writes it: `provenance` defaults to observed. */
export type CheckInit = Omit<Check, 'provenance'> & { readonly provenance?: Provenance };

export function check(init: CheckInit): Check {
  // Built in place rather than by spreads (a row is made for every step of every walk); the keys
  // are added in the same order, so serialized rows are unchanged.
  const row: { -readonly [K in keyof Check]: Check[K] } = {
    id: init.id,
    title: init.title,
    status: init.status,
    observed: init.observed,
    expected: init.expected,
    detail: init.detail,
    provenance: init.provenance ?? 'observed',
  };
  if (init.status === 'fail' && init.code !== undefined) row.code = init.code;
  if (init.spec !== undefined) row.spec = init.spec;
  return row;
}
