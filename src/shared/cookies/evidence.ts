/**
 * The jar's evidence on a request's credentials mode (`CookieCredentialsEvidence`): validated
 * when it crosses a boundary, and put in words for the credentials check.
 */
import type { CookieCredentialsEvidence } from '../model/exchange.ts';
import { COOKIE_RULES, type CookieReasonCode } from './explain.ts';

type Proof = NonNullable<CookieCredentialsEvidence['proof']>;
type Bag = Readonly<Record<string, unknown>>;

const bag = (v: unknown): Bag | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Bag) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const READINGS: readonly CookieCredentialsEvidence['reading'][] = ['include', 'not-include', 'unknown'];

function proofOf(v: unknown): Proof | null {
  const b = bag(v);
  const cookie = str(b?.['cookie']);
  if (b === null || cookie === null) return null;
  if (b['code'] === 'set-cookie-stored') {
    const seenBy = b['seenBy'] === 'cookies-api' ? 'cookies-api' : 'later-request';
    return { code: 'set-cookie-stored', cookie, seenBy, exchangeId: str(b['exchangeId']) };
  }
  const setByUrl = str(b['setByUrl']);
  if (b['code'] === 'matching-cookie-not-sent' && setByUrl !== null && typeof b['setAt'] === 'number') {
    return { code: 'matching-cookie-not-sent', cookie, setByUrl, setAt: b['setAt'] };
  }
  return null;
}

/** A `CookieCredentialsEvidence` from untrusted data; undefined when it is not one. */
export function sanitizeCookieEvidence(v: unknown): CookieCredentialsEvidence | undefined {
  const b = bag(v);
  const reading = READINGS.find((r) => r === b?.['reading']);
  if (b === null || reading === undefined) return undefined;
  const withheld = (Array.isArray(b['withheld']) ? (b['withheld'] as unknown[]) : []).flatMap((w) => {
    const wb = bag(w);
    const cookie = str(wb?.['cookie']);
    const reasons = Array.isArray(wb?.['reasons']) ? (wb['reasons'] as unknown[]).filter((r): r is string => typeof r === 'string') : [];
    return cookie === null ? [] : [{ cookie, reasons }];
  });
  return { reading, proof: proofOf(b['proof']), withheld };
}

const isReason = (r: string): r is CookieReasonCode => Object.hasOwn(COOKIE_RULES, r);

/** "cookie `sid` was withheld: SameSite=Lax … (SchemefulSameSiteLax)", for every withheld cookie. */
export function withheldInWords(evidence: CookieCredentialsEvidence): string | null {
  if (evidence.withheld.length === 0) return null;
  return evidence.withheld
    .map((w) => {
      const rules = w.reasons.filter(isReason).map((r) => `${COOKIE_RULES[r].rule.replace(/\.$/, '')} (${r})`);
      return `cookie \`${w.cookie}\` was withheld because ${rules.length > 0 ? rules.join('; ') : 'of a rule the recording does not show'}`;
    })
    .join('; ');
}

/** The proof in words. */
export function proofInWords(proof: Proof): string {
  switch (proof.code) {
    case 'set-cookie-stored':
      return proof.seenBy === 'cookies-api'
        ? `cookie \`${proof.cookie}\` from this response was stored (the browser's cookie jar changed), and a browser stores Set-Cookie only with credentials`
        : `cookie \`${proof.cookie}\` from this response was stored (exchange ${proof.exchangeId ?? '?'} sent it later), and a browser stores Set-Cookie only with credentials`;
    case 'matching-cookie-not-sent':
      return `cookie \`${proof.cookie}\` (set by ${proof.setByUrl}) matches this request and no rule withholds it, yet no Cookie header went: credentials were not included`;
    default: {
      const never: never = proof;
      return never;
    }
  }
}
