/**
 * Unknowns: the credentials mode (never on the wire) and causes the recording does not show. The
 * observed outcome (and Chromium's own CorsError when recorded) picks the reading it supports;
 * every pick is stated as an inferred fact.
 */
import type { BrowserName } from '../../model/exchange.ts';
import type { Check, InferredFact, PreflightTrigger } from '../verdict.ts';
import type { Failure } from '../rules/failure.ts';
import type { Context } from './context.ts';
import type { WalkResult, Run } from './browser-walk.ts';
import type { LnaFailure } from '../rules/local-network.ts';
import { BROWSERS, otherReading } from './context.ts';
import { inferredFact } from '../content/facts.ts';
import { CHROMIUM_ERROR_FOR_CODE, codeForChromiumError, isChromiumCorsError } from '../codes.ts';
import { isLnaError, lnaBodyFor, localNetworkFailure } from '../rules/local-network.ts';
import { check } from '../content/check-row.ts';
import { endsAtUnfollowedRedirect, unfollowedRedirectFact } from './outcome-reading.ts';
import { getHeader } from '../../http/headers.ts';

function failureKey(f: Failure | null): string {
  return f === null ? 'allowed' : `${f.code}|${f.corsError ?? ''}|${f.firefoxReason ?? ''}`;
}

export function hypothesesDiffer(runs: readonly Run[]): boolean {
  const [a, b] = runs;
  if (a === undefined || b === undefined) return false;
  return BROWSERS.some((br) => failureKey(a.results[br].failure) !== failureKey(b.results[br].failure));
}

function describe(f: Failure | null, browser: BrowserName): string {
  if (f === null) return 'allowed';
  return browser === 'chromium' ? (f.corsError ?? f.code) : (f.firefoxReason ?? f.code);
}

/**
 * With the credentials mode unknown, pick the hypothesis the observed outcome supports:
 * Chromium's reported CorsError first, then failed/succeeded; otherwise fetch()'s default
 * (`same-origin`, i.e. not credentialed cross-origin).
 */
export function chooseHypothesis(ctx: Context, runs: readonly Run[], inferred: InferredFact[], unknown: boolean): Run {
  const plain = runs.find((r) => !r.credentialed);
  const withCreds = runs.find((r) => r.credentialed);
  const only = runs[0];
  if (!unknown || plain === undefined || withCreds === undefined) {
    if (only === undefined) throw new Error('no hypothesis');
    return only;
  }
  if (!hypothesesDiffer(runs)) return plain;
  const rec = ctx.recorder;
  const fPlain = plain.results[rec].failure;
  const fCreds = withCreds.results[rec].failure;
  const reported = ctx.x.outcome.chromiumCorsError;
  const outcome = ctx.x.outcome.kind;
  const name = rec === 'chromium' ? 'Chromium' : 'Firefox';
  let chosen: Run = plain;
  let because: string;
  if (rec === 'chromium' && reported !== undefined && fCreds?.corsError === reported && fPlain?.corsError !== reported) {
    chosen = withCreds;
    because = `Chromium reported ${reported}, which only credentials: include explains`;
  } else if (rec === 'chromium' && reported !== undefined && fPlain?.corsError === reported) {
    because = `Chromium reported ${reported}, which the non-credentialed reading explains`;
  } else if (rec === 'chromium' && outcome === 'failed' && !explains(fPlain) && localNetworkFailure(ctx.x, false) !== null) {
    because = 'Chromium\'s Local Network Access check explains the failure without credentials';
  } else if (outcome === 'failed' && fPlain === null && explains(fCreds) && endsAtUnfollowedRedirect(ctx.x)) {
    // A failure at a redirect that was never followed has a cause outside CORS (redirect:
    // "error"), which needs nothing beyond fetch()'s default credentials mode (same-origin: no
    // credentials cross-origin, as the absent Cookie header agrees). Reading it as credentials:
    // include would name a CORS error on a guess.
    because = `${name} failed it at a redirect it did not follow, which fetch()'s default credentials: same-origin explains with redirect: "error"; with credentials: include it would be ${describe(fCreds, rec)}`;
  } else if (outcome === 'failed' && !explains(fPlain) && explains(fCreds)) {
    chosen = withCreds;
    // The other reading stays named: in a Firefox HAR a request blocked at its preflight and one
    // sent and then lost to a network error look alike (status 0, the request listed).
    because = `the browser failed it; with credentials: include this is ${describe(fCreds, rec)}${fPlain === null ? '' : `; without, it would be ${describe(fPlain, rec)}`}`;
  } else if (outcome === 'succeeded' && fPlain === null && fCreds !== null && (rec === 'chromium' || isPreflightStage(fCreds))) {
    because = `${name} completed it; with credentials: include it would have been ${describe(fCreds, rec)}`;
  } else if (outcome === 'succeeded' && fCreds === null && fPlain !== null && (rec === 'chromium' || isPreflightStage(fPlain))) {
    chosen = withCreds;
    because = `${name} completed it; without credentials it would have been ${describe(fPlain, rec)}`;
  } else {
    because = `the recording does not say; fetch() defaults to credentials: same-origin (${describe(fPlain, rec)}); with credentials: include it would be ${describe(fCreds, rec)}`;
  }
  const other = chosen === plain ? withCreds : plain;
  const failures = { chromium: other.results.chromium.failure, firefox: other.results.firefox.failure };
  inferred.push(inferredFact('credentials-mode', { credentialed: chosen.credentialed, otherReading: otherReading(other.credentialed, failures) }, { because }));
  return chosen;
}

/** A failure with a visible cause (not "blocked, cause not in the recording"). */
function explains(f: Failure | null): f is Failure {
  return f !== null && f.code !== 'blocked-cause-not-visible';
}

function isPreflightStage(f: Failure): boolean {
  return f.code.startsWith('preflight-') || ['invalid-allow-methods', 'invalid-allow-headers', 'method-disallowed-by-preflight', 'header-disallowed-by-preflight'].includes(f.code);
}

/** A hidden cause inferred from the browser's own outcome (see explainOutcome). */
export interface HiddenCause {
  readonly failure: Failure;
  readonly fact: InferredFact;
  readonly contradiction: boolean;
  /** The cause is the page's fetch() options, not the browser: the other browser fails the same way. */
  readonly pageCause?: boolean;
}

/**
 * When the browser's own outcome says more than the headers, infer the hidden cause: its
 * reported CorsError (used as evidence, labelled inferred), or a network error.
 */
export function explainOutcome(ctx: Context, f: Failure | null, result: WalkResult): HiddenCause | null {
  const { x } = ctx;
  if (x.outcome.kind !== 'failed') return null;
  const reported = x.outcome.chromiumCorsError;
  const lastUrl = x.legs[x.legs.length - 1]?.request.url ?? '';
  if (ctx.recorder === 'chromium' && reported !== undefined && isChromiumCorsError(reported) && (f === null || f.code === 'blocked-cause-not-visible')) {
    const code = codeForChromiumError(reported) ?? 'blocked-cause-not-visible';
    const param = guessParameter(ctx, code, result.triggers);
    const body = isLnaError(reported) ? { chromiumBody: lnaBodyFor(reported, x) } : {};
    return {
      failure: { code, corsError: reported, failedParameter: param, firefoxReason: null, firefoxParam: null, url: lastUrl, provenance: 'inferred', ...body },
      fact: inferredFact('chromium-reported-cors-error', { corsError: reported }),
      contradiction: f === null,
    };
  }
  if (f !== null && f.code !== 'blocked-cause-not-visible') return null;
  const error = x.outcome.error;
  const net = error !== undefined && error !== 'net::ERR_FAILED' && error !== 'NS_ERROR_DOM_BAD_URI';
  const lna = ctx.recorder === 'chromium' && !net ? localNetworkFailure(x, false) : null;
  if (lna !== null) {
    return {
      failure: lnaFailure(lna, x.legs[0]?.request.url ?? ''),
      fact: inferredFact('local-network-access-blocked', { corsError: lna.corsError }, { because: lna.because }),
      contradiction: false,
    };
  }
  if (f !== null) {
    // The walk stopped at a request that got no response, with nothing recorded to say why.
    return {
      failure: f,
      fact: inferredFact('cause-not-visible', { error: error ?? null }),
      contradiction: false,
    };
  }
  if (!net && endsAtUnfollowedRedirect(x)) {
    return {
      failure: { code: 'blocked-cause-not-visible', corsError: null, failedParameter: null, firefoxReason: null, firefoxParam: null, url: lastUrl, provenance: 'inferred' },
      fact: unfollowedRedirectFact(true),
      contradiction: false,
      pageCause: true,
    };
  }
  const code = net ? 'network-error' : 'blocked-cause-not-visible';
  return {
    failure: {
      code,
      corsError: null,
      failedParameter: null,
      firefoxReason: ctx.recorder === 'firefox' && net ? 'CORSDidNotSucceed' : null,
      firefoxParam: '(null)',
      url: lastUrl,
      provenance: 'inferred',
      ...(ctx.recorder === 'chromium' ? { consoleOverride: error === undefined ? null : `Failed to load resource: ${error}` } : {}),
    },
    fact: net ? inferredFact('network-error', { error: error ?? '' }) : inferredFact('blocked-despite-passing-headers', { error: error ?? null }),
    contradiction: !net,
  };
}

export function lnaFailure(lna: LnaFailure, url: string): Failure {
  return { code: 'local-network-access', corsError: lna.corsError, failedParameter: '', firefoxReason: null, firefoxParam: null, url, provenance: lna.provenance, chromiumBody: lna.message };
}

export function lnaCheck(lna: LnaFailure, granted: boolean): Check {
  return check({
    id: 'request.local-network',
    title: 'Local Network Access (Chromium)',
    status: granted ? 'pass' : 'fail',
    observed: lna.corsError,
    expected: 'a request that stays in its address space, or a secure page with the user\'s permission',
    detail: granted ? `${lna.because}; Chromium completed it, so the permission was granted.` : `${lna.because}. No response header can fix this.`,
    ...(granted ? {} : { code: 'local-network-access' as const }),
    provenance: lna.provenance,
    spec: 'https://wicg.github.io/local-network-access/',
  });
}

function guessParameter(ctx: Context, code: Failure['code'], triggers: readonly PreflightTrigger[]): string | null {
  if (CHROMIUM_ERROR_FOR_CODE[code] === null) return null;
  const last = ctx.x.legs[ctx.x.legs.length - 1];
  if (code === 'method-disallowed-by-preflight') return last?.request.method ?? null;
  if (code === 'header-disallowed-by-preflight') {
    for (const t of triggers) if (t.kind !== 'method') return t.name;
    return null;
  }
  if (code === 'allow-origin-mismatch' || code === 'multiple-allow-origin' || code === 'invalid-allow-origin') {
    return last?.response === null || last === undefined ? null : getHeader(last.response.headers, 'access-control-allow-origin');
  }
  return '';
}
