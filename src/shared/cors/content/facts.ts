/**
 * The words of every inferred fact, rendered from its code and fields (a missing code is a type
 * error). Nothing reads these words back: programs and tests read `code` and the fields.
 */
import type { FactCode, FactFields, InferredFact } from '../verdict.ts';

/**
 * Inputs a fact's words need that are not among its fields: evidence already put in words by the
 * module that found it (the request-mode and credentials guesses, the Local Network Access check).
 */
interface FactWording {
  'request-mode': { readonly because: string };
  'credentials-mode': { readonly because: string };
  'header-order-unrecorded': { readonly url: string };
  'local-network-access-granted': { readonly because: string };
  'local-network-access-blocked': { readonly because: string };
  'preflight-cache-hit': { readonly hops: number; readonly evidence: readonly string[] };
}

type WordingOf<C extends FactCode> = C extends keyof FactWording ? FactWording[C] : Record<never, never>;
type WordingArgs<C extends FactCode> = C extends keyof FactWording ? [wording: FactWording[C]] : [];

interface FactText {
  readonly statement: string;
  readonly because: string;
}

type FactRenderers = { readonly [C in FactCode]: (fields: FactFields[C], wording: WordingOf<C>) => FactText };

const FACT_TEXT: FactRenderers = {
  'request-cancelled': ({ error }) => ({
    statement: 'the request was cancelled, not blocked',
    because: `the browser reported ${error}, which is a cancellation (the page aborted it, navigated away, or received an opaque-redirect response with redirect: "manual"), not a CORS decision`,
  }),
  'request-origin-from-header': ({ origin }) => ({
    statement: `the page's origin is ${origin}`,
    because: 'the Origin header on the request (the recorder did not name the initiator)',
  }),
  'opaque-request-origin': ({ page }) => ({
    statement: 'the request came from an opaque origin (null)',
    because: `it sent Origin: null on its first URL, which only an opaque origin does (a sandboxed frame, a data: or file: page), so the recorded page ${page} is not its origin`,
  }),
  'request-mode': ({ mode }, { because }) => ({ statement: `the request mode is ${mode}`, because }),
  'credentials-mode': ({ credentialed }, { because }) => ({ statement: `credentials mode is ${credentialed ? 'include' : 'not include'}`, because }),
  'preflight-forced': () => ({
    statement: 'the preflight was forced',
    because: 'a preflight was observed although neither the method nor any visible header needs one (XHR upload listeners or a stream body force it)',
  }),
  'header-order-unrecorded': ({ header, candidates }, { url }) => ({
    statement: `Chromium names \`${header}\` as the header Access-Control-Allow-Headers lacks`,
    because: `Chromium names the first missing header in its own request-header order, which the recording does not show for ${url} (a request after a redirect, never sent): it is one of ${candidates.map((c) => `\`${c}\``).join(', ')}`,
  }),
  'request-headers-from-preflight': ({ names }) => ({
    statement: `the request carried ${names.map((n) => `\`${n}\``).join(', ')}`,
    because:
      'the request was never sent (its preflight stopped it), so the recording does not show all its headers; the preflight\'s Access-Control-Request-Headers names them, and both browsers are judged on that list',
  }),
  'redirect-not-followed': () => ({
    statement: 'the redirect was not followed; the recording does not show whether the page received it',
    because:
      'no request to the Location was recorded: with redirect: "manual" the page got an opaque-redirect response, with redirect: "error" fetch() rejected, and the recording holds neither the redirect mode nor (in a Firefox HAR) the error',
  }),
  'stopped-at-redirect': () => ({
    statement: 'the browser stopped at a redirect it did not follow',
    because:
      'the fetch failed on a redirect response and no request to its Location was made; fetch() with redirect: "error" fails exactly there, for no CORS reason (the redirect mode is not in the recording)',
  }),
  'local-network-access-granted': (_fields, { because }) => ({
    statement: 'the user granted Local Network Access',
    because: `${because}, and Chromium completed the request`,
  }),
  'firefox-init-pairs': ({ header, value }) => ({
    statement: `Firefox needs no preflight for \`${header}\` if the page passed it to fetch() as separate pairs`,
    because: `\`${value}\` needs a preflight only as one combined value: each item alone is safelisted. Firefox judges each pair of a fetch() or Request headers init given as an array of pairs on its own, and sends only the first Content-Type; given a Headers object or through XMLHttpRequest it judges the combined value, as Chromium and the spec do. The recording does not show how the page built the headers, so the verdicts follow the combined value`,
  }),
  'firefox-has-no-local-network-access': () => ({
    statement: 'Firefox would send this request: it has no Local Network Access check',
    because: "Chromium refused it before it reached the server, so the recording holds no server answer to judge Firefox's CORS checks by; Firefox's verdict assumes they pass",
  }),
  'chromium-reported-cors-error': ({ corsError }) => ({
    statement: `Chromium blocked it with ${corsError}`,
    because: "the recorder captured Chromium's CorsError; the headers that caused it are not in the recording",
  }),
  'local-network-access-blocked': ({ corsError }, { because }) => ({
    statement: `Chromium's Local Network Access check blocked it (${corsError})`,
    because: `the browser failed it, the CORS headers pass, and ${because}`,
  }),
  'network-failure-unrecorded': () => ({
    statement: 'the request failed at the network level',
    because: "Firefox recorded no response and no error for it, which is how its HAR records a connection that closed unanswered (Firefox's console then says only \"CORS request did not succeed\")",
  }),
  'cause-not-visible': ({ error }) => ({
    statement: 'the browser failed this request for a reason the recording does not show',
    because: `no response was recorded${error === null ? '' : ` and the browser reported only ${error}`}; a network failure, Local Network Access, an extension or a browser setting all look like this`,
  }),
  'network-error': ({ error }) => ({
    statement: 'the request failed at the network level',
    because: `the browser reported ${error}, not a CORS error, and the recorded headers pass every CORS check`,
  }),
  'blocked-despite-passing-headers': ({ error }) => ({
    statement: 'something not in the recording blocked the request',
    because: `the browser failed it${error === null ? '' : ` (${error})`}, yet the recorded headers pass every CORS check (an extension, a cached preflight answer, or headers the recorder could not see)`,
  }),
  'preflight-cache-hit': ({ hop }, { hops, evidence }) => ({
    statement: `the preflight${hops > 1 ? ` of hop ${hop + 1}` : ''} was answered from the CORS-preflight cache`,
    because: `a preflight was needed and none went on the wire; ${evidence.join(', ')}`,
  }),
};

/** Every fact code. */
export const FACT_CODES = Object.keys(FACT_TEXT) as readonly FactCode[];

/** The fact `code` with its fields, and its words rendered from them. */
export function inferredFact<C extends FactCode>(code: C, fields: FactFields[C], ...wording: WordingArgs<C>): InferredFact {
  const render = FACT_TEXT[code] as (fields: FactFields[C], wording: WordingOf<C> | undefined) => FactText;
  const text = render(fields, wording[0] as WordingOf<C> | undefined);
  return { code, statement: text.statement, because: text.because, ...fields } as InferredFact;
}
