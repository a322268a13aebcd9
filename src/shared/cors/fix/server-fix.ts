/**
 * `serverFix`: the structured fix of one blocked exchange. The requirements of every response
 * (`requirements.ts`) are proven before they are offered: applied to the recording
 * (`apply.ts`), they must make both browsers' walks allow the exchange, or the fix is `null` and
 * its note says why. A reason no response header can fix (the client's mode, a network error, a
 * browser policy) is `null` from the start, with what must change instead.
 */
import type { ObservedExchange } from '../../model/exchange.ts';
import type { ReasonCode } from '../codes.ts';
import type { Verdict } from '../verdict.ts';
import type { ServerEvidence } from './evidence.ts';
import type { ServerFix } from './types.ts';
import type { Blocker } from './requirements.ts';
import { EXPLANATIONS } from '../content/explanations.ts';
import { captureEvidence } from './evidence.ts';
import { credentialedReading, evaluateWithChanges, withNextHop } from './apply.ts';
import { requirements } from './requirements.ts';
import { requestOriginOf } from '../rules/classify.ts';

export interface ServerFixOptions {
  /** What the capture shows the server allowing; by default, the exchange alone. */
  readonly evidence?: ServerEvidence;
  /** The evaluator's clock (preflight-cache freshness), as for `evaluateExchange`. */
  readonly now?: number;
}

const NULL_ORIGIN_RISK =
  '`Access-Control-Allow-Origin: null` would let it through, but every sandboxed iframe, `data:` document and redirected request of any site also has the origin `null`: allowing it is as open as `*`, and unlike `*` admits credentials.';

const AVOID_REDIRECT =
  'The browser sent `Origin: null` because the request was redirected to another origin (https://fetch.spec.whatwg.org/#concept-request-tainted-origin). Best: avoid the cross-origin redirect, or let the client call the final URL directly.';

const BLOCKER_NOTE: Readonly<Record<Blocker, string>> = {
  'redirect-tainted-credentials': `${AVOID_REDIRECT} With credentials no header fixes it safely: ${NULL_ORIGIN_RISK}`,
  'origin-unknown': 'The recording does not show the page\'s origin, and a credentialed request needs the server to name it in `Access-Control-Allow-Origin`.',
};

/** The codes each browser failed with. */
function failedCodes(verdict: Verdict): ReasonCode[] {
  return [verdict.chromium, verdict.firefox].flatMap((v) => (v.allowed || v.code === null ? [] : [v.code]));
}

/** A note for a fix that names `allowOrigin`: why `*` or `null`, when it is one of those. */
function originNote(x: ObservedExchange, allowOrigin: string | null): string | null {
  if (allowOrigin === 'null') return NULL_ORIGIN_RISK;
  if (allowOrigin !== '*' || requestOriginOf(x).origin === null) return null;
  return requestOriginOf(x).origin === 'null'
    ? 'The page\'s origin is opaque (`null`: a sandboxed iframe, a `data:` or `file:` page); the request carries no credentials, so `*` lets it through without allowing `null` itself.'
    : `${AVOID_REDIRECT} The request carries no credentials, so \`*\` lets it through.`;
}

function joinNotes(...notes: readonly (string | null)[]): string | null {
  const present = notes.filter((n): n is string => n !== null);
  return present.length === 0 ? null : present.join(' ');
}

/**
 * The server changes that make both browsers allow `x` and keep allowing what the server already
 * allowed (`options.evidence`); an empty list when neither browser blocks it.
 */
export function serverFix(x: ObservedExchange, verdict: Verdict, options: ServerFixOptions = {}): ServerFix {
  const codes = failedCodes(verdict);
  if (codes.length === 0) return { server: [], note: null };
  const primary = verdict.code ?? codes[0] ?? null;
  const clientSide = codes.find((code) => !EXPLANATIONS[code].serverCanFix);
  if (clientSide !== undefined) return { server: null, note: EXPLANATIONS[clientSide].note };
  const evidence = options.evidence ?? captureEvidence([x], [verdict]);
  const needed = requirements(withNextHop(x), credentialedReading(verdict), evidence);
  if (needed.kind === 'blocked') return { server: null, note: BLOCKER_NOTE[needed.blocker] };
  const codeNote = primary === null ? null : EXPLANATIONS[primary].note;
  if (needed.changes.length === 0) {
    return { server: null, note: 'Every recorded answer already passes both browsers\' checks: the cause is not in a response header the recording shows.' };
  }
  const proof = evaluateWithChanges(x, verdict, needed.changes, options.now);
  if (!proof.chromium.allowed || !proof.firefox.allowed) {
    const still = proof.chromium.code ?? proof.firefox.code;
    return { server: null, note: joinNotes(`No change to the recorded responses makes both browsers allow it${still === null ? '' : ` (it would still fail: ${still})`}.`, codeNote) };
  }
  return { server: needed.changes, note: joinNotes(originNote(x, needed.allowOrigin), codeNote) };
}
