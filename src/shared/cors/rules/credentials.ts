/**
 * The request's credentials mode (https://fetch.spec.whatwg.org/#concept-request-credentials-mode)
 * is never on the wire. Known when the producer was told; otherwise a `Cookie` header on a
 * cross-origin leg proves `include` (https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch
 * sends cookies cross-origin only then), and so does `Sec-Fetch-Storage-Access` on a request or preflight;
 * otherwise it is unknown and the evaluator tries both.
 */
import type { ObservedExchange } from '../../model/exchange.ts';
import type { Provenance } from '../verdict.ts';
import type { LegContext } from './classify.ts';
import { hasHeader } from '../../http/headers.ts';
import { proofInWords, withheldInWords } from '../../cookies/evidence.ts';

export interface CredentialsGuess {
  /** Whether the CORS legs are credentialed; null when unknown. */
  readonly credentialed: boolean | null;
  readonly provenance: Provenance;
  readonly because: string;
}

const STORAGE_ACCESS: CredentialsGuess = {
  credentialed: true,
  provenance: 'inferred',
  because: 'the browser sent Sec-Fetch-Storage-Access, which goes only with credentials: include (withCredentials)',
};

export function inferCredentials(x: ObservedExchange, legs: readonly LegContext[]): CredentialsGuess {
  const guess = fromTheWire(x, legs);
  const withheld = guess.credentialed === true && x.cookieEvidence !== undefined ? withheldInWords(x.cookieEvidence) : null;
  return withheld === null || guess.because.includes(withheld) ? guess : { ...guess, because: `${guess.because}; ${withheld}` };
}

function fromTheWire(x: ObservedExchange, legs: readonly LegContext[]): CredentialsGuess {
  if (x.credentialsMode === 'include') return { credentialed: true, provenance: 'observed', because: 'the recorder reported credentials: include' };
  if (x.credentialsMode === 'omit' || x.credentialsMode === 'same-origin') {
    return { credentialed: false, provenance: 'observed', because: `the recorder reported credentials: ${x.credentialsMode}` };
  }
  for (const [i, leg] of x.legs.entries()) {
    if (legs[i]?.corsTainted !== true || leg.request.headersProvisional === true) continue;
    if (hasHeader(leg.request.headers, 'cookie')) {
      return { credentialed: true, provenance: 'inferred', because: 'a Cookie header went to a cross-origin URL, which only credentials: include (withCredentials) does' };
    }
    // Sec-Fetch-Storage-Access goes only with credentials: include, on cross-site requests, even
    // without a cookie (https://privacycg.github.io/storage-access-headers/). Verified: Chromium 156
    // sends it with fetch() and XHR (not on every such request: a preflighted PUT lacked it, so
    // its absence proves nothing); Firefox 153 on the request and on its preflight too.
    if (hasHeader(leg.request.headers, 'sec-fetch-storage-access')) return STORAGE_ACCESS;
  }
  for (const [i, leg] of x.legs.entries()) {
    const pre = leg.preflight;
    if (legs[i]?.corsTainted === true && pre?.kind === 'observed' && hasHeader(pre.request.headers, 'sec-fetch-storage-access')) return STORAGE_ACCESS;
  }
  return fromCookieJar(x) ?? { credentialed: null, provenance: 'inferred', because: 'no Cookie header was seen; credentials: include with no matching cookies looks the same on the wire' };
}

/**
 * What the simulated cookie jar says (src/shared/cookies/capture.ts): a `Set-Cookie` of this
 * response was stored (include), a stored cookie matched and was not sent (not include), or
 * every cookie credentials would carry was withheld anyway (still unknown, now explained).
 */
function fromCookieJar(x: ObservedExchange): CredentialsGuess | null {
  const evidence = x.cookieEvidence;
  if (evidence === undefined) return null;
  const withheld = withheldInWords(evidence);
  if (evidence.proof !== null) {
    const proof = proofInWords(evidence.proof);
    const credentialed = evidence.proof.code === 'set-cookie-stored';
    return { credentialed, provenance: 'inferred', because: credentialed && withheld !== null ? `${proof}; ${withheld}` : proof };
  }
  if (withheld === null) return null;
  return { credentialed: null, provenance: 'inferred', because: `no Cookie header was seen, and with credentials: include ${withheld}, so the header's absence does not tell` };
}
