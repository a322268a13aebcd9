/**
 * The request's credentials mode (https://fetch.spec.whatwg.org/#concept-request-credentials-mode)
 * is never on the wire. Known when the producer was told; otherwise a `Cookie` header on a
 * cross-origin leg proves `include` (https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch
 * sends cookies cross-origin only then); otherwise it is unknown and the evaluator tries both.
 */
import type { ObservedExchange } from './model.ts';
import type { Provenance } from './verdict.ts';
import type { LegContext } from './classify.ts';
import { has } from '../http/headers.ts';

export interface CredentialsGuess {
  /** Whether the CORS legs are credentialed; null when unknown. */
  readonly credentialed: boolean | null;
  readonly provenance: Provenance;
  readonly because: string;
}

export function inferCredentials(x: ObservedExchange, legs: readonly LegContext[]): CredentialsGuess {
  if (x.credentialsMode === 'include') return { credentialed: true, provenance: 'observed', because: 'the recorder reported credentials: include' };
  if (x.credentialsMode === 'omit' || x.credentialsMode === 'same-origin') {
    return { credentialed: false, provenance: 'observed', because: `the recorder reported credentials: ${x.credentialsMode}` };
  }
  for (const [i, leg] of x.legs.entries()) {
    if (legs[i]?.corsTainted !== true || leg.request.headersProvisional === true) continue;
    if (has(leg.request.headers, 'cookie')) {
      return { credentialed: true, provenance: 'inferred', because: 'a Cookie header went to a cross-origin URL, which only credentials: include (withCredentials) does' };
    }
  }
  return { credentialed: null, provenance: 'inferred', because: 'no Cookie header was seen; credentials: include with no matching cookies looks the same on the wire' };
}
