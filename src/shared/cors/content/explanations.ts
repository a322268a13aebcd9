/**
 * What each reason and warning means and how to fix it, as data keyed by code so a missing entry is
 * a type error. Fixes are exact header lines computed from the exchange (the real origin, method
 * and header), plus server snippets rendered from a `CorsPolicy`.
 */
import type { ReasonCode, WarningCode } from '../codes.ts';
import type { ObservedExchange } from '../../model/exchange.ts';
import type { Verdict } from '../verdict.ts';
import type { CorsPolicy, Framework } from './snippets.ts';
import { FIREFOX_REASON_FOR_CODE, mdnUrl } from '../codes.ts';
import { renderAllSnippets } from './snippets.ts';
import { legContexts, requestOriginOf } from '../rules/classify.ts';

/** The facts a fix depends on, taken from the exchange and its verdict. */
export interface FixContext {
  /** The origin the browser checked (the page's origin, or `null` after a tainting redirect). */
  readonly origin: string;
  readonly method: string;
  /** The header the preflight answer lacked, when that is the failure. */
  readonly header: string | null;
  /** Every CORS-unsafe header name the request carried. */
  readonly unsafeHeaders: readonly string[];
  readonly credentialed: boolean;
  readonly status: number | null;
  /** `origin` is `null` because a redirect to another origin tainted it, not because the page's own origin is opaque. */
  readonly originTaintedByRedirect?: boolean;
}

export interface Explanation {
  readonly title: string;
  readonly explanation: string;
  /** Exact header lines the server must send; empty when no response header can fix it. */
  readonly fix: (ctx: FixContext) => readonly string[];
  /** What to do when headers are not the fix (or what else to check). */
  readonly note: string | null;
  /** The server policy that fixes it; null when no server configuration can. */
  readonly policy: ((ctx: FixContext) => CorsPolicy) | null;
}

const originLines = (c: FixContext): string[] => [
  `Access-Control-Allow-Origin: ${c.origin}`,
  ...(c.credentialed ? ['Access-Control-Allow-Credentials: true'] : []),
  ...(c.origin === '*' ? [] : ['Vary: Origin']),
];

const preflightLines = (c: FixContext): string[] => [
  ...originLines(c),
  ...(['GET', 'HEAD', 'POST'].includes(c.method) ? [] : [`Access-Control-Allow-Methods: ${c.method}`]),
  ...(c.unsafeHeaders.length > 0 ? [`Access-Control-Allow-Headers: ${c.unsafeHeaders.join(', ')}`] : []),
];

const basePolicy = (c: FixContext): CorsPolicy => ({
  allowOrigin: c.origin,
  allowCredentials: c.credentialed,
  allowMethods: [],
  allowHeaders: [],
  answerPreflight: false,
});

const preflightPolicy = (c: FixContext): CorsPolicy => ({
  allowOrigin: c.origin,
  allowCredentials: c.credentialed,
  allowMethods: ['GET', 'HEAD', 'POST'].includes(c.method) ? [] : [c.method],
  allowHeaders: [...c.unsafeHeaders],
  answerPreflight: true,
});

const ON_ERRORS = 'Error responses need the headers too: many servers add CORS headers only on success, so a 401/404/500 shows up as a CORS error.';

export const EXPLANATIONS: Record<ReasonCode, Explanation> = {
  'disallowed-by-mode': {
    title: 'Cross-origin request in same-origin mode',
    explanation: 'The request was made with `mode: "same-origin"`, which forbids any cross-origin URL, including a redirect target. No server header can allow it.',
    fix: () => [],
    note: 'Drop `mode: "same-origin"` (the default `cors` mode lets the server decide), or keep the request on the page\'s origin.',
    policy: null,
  },
  'cors-disabled-scheme': {
    title: 'The URL scheme does not support CORS',
    explanation: 'CORS requests, and the redirects they follow, can only go to `http:` and `https:` URLs.',
    fix: () => [],
    note: 'Serve the resource over http(s), and make redirects point at http(s) URLs.',
    policy: null,
  },
  'missing-allow-origin': {
    title: 'No Access-Control-Allow-Origin header',
    explanation: `The response carries no \`Access-Control-Allow-Origin\`, so the browser will not let the page read it. ${ON_ERRORS}`,
    fix: originLines,
    note: 'If only some responses fail, check which status codes and paths skip the CORS middleware (error handlers, proxies, CDNs).',
    policy: basePolicy,
  },
  'multiple-allow-origin': {
    title: 'Access-Control-Allow-Origin has several values',
    explanation: 'The header must hold exactly one origin (or `*`). It was sent twice (typically by both the app and a proxy) or lists several origins in one line; CORS has no list syntax.',
    fix: originLines,
    note: 'Set the header in one place only; to allow several origins, echo the request\'s Origin when it is on your allow-list.',
    policy: basePolicy,
  },
  'invalid-allow-origin': {
    title: 'Access-Control-Allow-Origin is not a valid origin',
    explanation: 'The value is neither `*` nor an origin like `https://app.example` (scheme, host, optional port; no path, no quotes).',
    fix: originLines,
    note: null,
    policy: basePolicy,
  },
  'allow-origin-mismatch': {
    title: 'Access-Control-Allow-Origin is a different origin',
    explanation: 'The header names an origin other than the page\'s. Origins compare byte for byte: a trailing slash, another port or scheme, or different case all mismatch. After a redirect to another origin the page\'s origin becomes `null`.',
    fix: originLines,
    note: null,
    policy: basePolicy,
  },
  'wildcard-origin-with-credentials': {
    title: '`*` with a credentialed request',
    explanation: 'The request carries credentials (cookies, HTTP auth: `credentials: "include"` or `withCredentials`), and for those `Access-Control-Allow-Origin: *` is never enough: the server must name the origin and allow credentials.',
    fix: (c) => originLines({ ...c, credentialed: true }),
    note: 'Or, if the request needs no cookies, drop `credentials: "include"` / `withCredentials`.',
    policy: (c) => ({ ...basePolicy(c), allowCredentials: true }),
  },
  'invalid-allow-credentials': {
    title: 'Access-Control-Allow-Credentials is not `true`',
    explanation: 'A credentialed request needs `Access-Control-Allow-Credentials: true` exactly: lower-case, once, nothing else.',
    fix: (c) => originLines({ ...c, credentialed: true }),
    note: null,
    policy: (c) => ({ ...basePolicy(c), allowCredentials: true }),
  },
  'preflight-missing-allow-origin': {
    title: 'Preflight: no Access-Control-Allow-Origin',
    explanation: 'The OPTIONS preflight answer lacks `Access-Control-Allow-Origin`. Often the framework routes OPTIONS to a 404/405 handler, or authentication rejects it (preflights never carry cookies or Authorization).',
    fix: preflightLines,
    note: 'Answer OPTIONS before authentication, with status 204.',
    policy: preflightPolicy,
  },
  'preflight-multiple-allow-origin': {
    title: 'Preflight: Access-Control-Allow-Origin has several values',
    explanation: 'The preflight answer sends `Access-Control-Allow-Origin` twice or with a list; it must hold exactly one origin.',
    fix: preflightLines,
    note: 'Set the header in one place only (app or proxy, not both).',
    policy: preflightPolicy,
  },
  'preflight-invalid-allow-origin': {
    title: 'Preflight: Access-Control-Allow-Origin is not a valid origin',
    explanation: 'The preflight answer\'s `Access-Control-Allow-Origin` is neither `*` nor a valid origin.',
    fix: preflightLines,
    note: null,
    policy: preflightPolicy,
  },
  'preflight-allow-origin-mismatch': {
    title: 'Preflight: Access-Control-Allow-Origin is a different origin',
    explanation: 'The preflight answer names another origin than the page\'s (byte for byte: no trailing slash, same scheme, port and case).',
    fix: preflightLines,
    note: null,
    policy: preflightPolicy,
  },
  'preflight-wildcard-origin-with-credentials': {
    title: 'Preflight: `*` with a credentialed request',
    explanation: 'The actual request is credentialed, so its preflight answer must name the origin, not `*`, and allow credentials.',
    fix: (c) => preflightLines({ ...c, credentialed: true }),
    note: null,
    policy: (c) => ({ ...preflightPolicy(c), allowCredentials: true }),
  },
  'preflight-invalid-allow-credentials': {
    title: 'Preflight: Access-Control-Allow-Credentials is not `true`',
    explanation: 'The actual request is credentialed, so the preflight answer too must carry `Access-Control-Allow-Credentials: true`.',
    fix: (c) => preflightLines({ ...c, credentialed: true }),
    note: null,
    policy: (c) => ({ ...preflightPolicy(c), allowCredentials: true }),
  },
  'preflight-invalid-status': {
    title: 'Preflight status is not 2xx',
    explanation: 'The OPTIONS preflight got a non-2xx status (commonly 401 from authentication, 404/405 from a router without an OPTIONS route, or 500). A preflight must succeed with 200–299.',
    fix: preflightLines,
    note: 'Answer OPTIONS with 204 before authentication and routing.',
    policy: preflightPolicy,
  },
  'preflight-redirect': {
    title: 'Preflight was redirected',
    explanation: 'Browsers never follow a redirect on a preflight. Typical causes: http→https, adding or removing a trailing slash, or a login redirect.',
    fix: preflightLines,
    note: 'Request the final URL directly, or answer OPTIONS before the redirect rule.',
    policy: preflightPolicy,
  },
  'preflight-network-error': {
    title: 'Preflight failed at the network level',
    explanation: 'The OPTIONS request got no HTTP response (connection refused or reset, DNS, TLS). No header can fix this.',
    fix: () => [],
    note: 'Check that the server accepts OPTIONS requests at all (some firewalls and WAFs drop them).',
    policy: null,
  },
  'invalid-allow-methods': {
    title: 'Access-Control-Allow-Methods does not parse',
    explanation: 'The value must be a comma-separated list of method tokens (`GET, PUT, DELETE`); spaces inside an item, semicolons and quotes are invalid.',
    fix: preflightLines,
    note: null,
    policy: preflightPolicy,
  },
  'invalid-allow-headers': {
    title: 'Access-Control-Allow-Headers does not parse',
    explanation: 'The value must be a comma-separated list of header names (`content-type, x-api-key`).',
    fix: preflightLines,
    note: null,
    policy: preflightPolicy,
  },
  'method-disallowed-by-preflight': {
    title: 'Method not in Access-Control-Allow-Methods',
    explanation: 'The preflight answer does not list the request\'s method. Methods compare case-sensitively (`PATCH` ≠ `patch`), and `*` is a wildcard only for requests without credentials.',
    fix: preflightLines,
    note: null,
    policy: preflightPolicy,
  },
  'header-disallowed-by-preflight': {
    title: 'Request header not in Access-Control-Allow-Headers',
    explanation: 'The page set a header that is not CORS-safelisted (e.g. `Content-Type: application/json`, `Authorization`, `X-Requested-With`), and the preflight answer does not list it. `*` is a wildcard only without credentials.',
    fix: preflightLines,
    note: null,
    policy: preflightPolicy,
  },
  'redirect-contains-credentials': {
    title: 'Redirect to a URL with user:password',
    explanation: 'A CORS request may not follow a redirect whose location has `user:password@`. No CORS header changes that.',
    fix: () => [],
    note: 'Remove the credentials from the Location URL; send them as an Authorization header instead.',
    policy: null,
  },
  'network-error': {
    title: 'Network error',
    explanation: 'The request failed below HTTP (connection refused or reset, DNS, TLS, or blocked by the browser or an extension). It is not a CORS decision.',
    fix: () => [],
    note: 'Firefox still reports this as "CORS request did not succeed".',
    policy: null,
  },
  'local-network-access': {
    title: 'Local Network Access blocked',
    explanation: 'Chromium gates requests from public sites to private or loopback addresses behind a permission (and a secure context). Response headers do not help; `Access-Control-Allow-Private-Network` is obsolete.',
    fix: () => [],
    note: 'Serve the page from a secure context and grant the local-network permission, or call the device from the same network origin.',
    policy: null,
  },
  'blocked-cause-not-visible': {
    title: 'Blocked; the cause is not in the recording',
    explanation: 'The browser failed the request, but the recorded headers pass every CORS check. The cause is outside the recording: a preflight the recorder could not see, an extension, or a network error.',
    fix: () => [],
    note: 'Record with the DevTools panel open (Chrome shows preflights only then), or reproduce in the lab.',
    policy: null,
  },
};

export interface WarningExplanation {
  readonly title: string;
  readonly explanation: string;
  readonly fix: readonly string[];
}

export const WARNING_EXPLANATIONS: Record<WarningCode, WarningExplanation> = {
  'reflected-origin-without-vary': {
    title: 'Reflected origin without Vary: Origin',
    explanation: 'The response echoes the request\'s origin but does not vary on it, so a shared cache may serve one origin\'s answer to another, which then fails CORS (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches).',
    fix: ['Vary: Origin'],
  },
  'reflected-origin-with-credentials': {
    title: 'Credentialed origin reflection',
    explanation: 'The response echoes the origin and allows credentials. If the server reflects any Origin, any website can read this user\'s data. Allow-list origins, and send Vary: Origin.',
    fix: ['Vary: Origin'],
  },
  'null-origin-allowed': {
    title: 'Access-Control-Allow-Origin: null',
    explanation: 'Sandboxed iframes, `data:` documents and redirected requests from any site all have the origin `null`; allowing it is as open as `*`, and unlike `*` also admits credentials.',
    fix: [],
  },
  'max-age-above-cap': {
    title: 'Access-Control-Max-Age above the browser cap',
    explanation: 'Browsers cap the preflight cache lifetime: Chromium at 7200 s, Firefox at 86400 s. Larger values are silently reduced.',
    fix: ['Access-Control-Max-Age: 7200'],
  },
  'max-age-invalid': {
    title: 'Access-Control-Max-Age is not a number of seconds',
    explanation: 'Chromium falls back to 5 s and Firefox does not cache the preflight at all, so every request is preflighted again.',
    fix: ['Access-Control-Max-Age: 600'],
  },
  'headers-not-exposed': {
    title: 'Response headers script cannot read',
    explanation: 'Only CORS-safelisted response headers (Cache-Control, Content-Language, Content-Length, Content-Type, Expires, Last-Modified, Pragma) and those in Access-Control-Expose-Headers are readable by script.',
    fix: ['Access-Control-Expose-Headers: <the header names script needs>'],
  },
  'authorization-covered-by-wildcard': {
    title: '`Access-Control-Allow-Headers: *` covering Authorization',
    explanation: 'Chromium and Firefox still let `*` cover Authorization (Firefox warns that this will stop); the Fetch Standard never does. List it explicitly.',
    fix: ['Access-Control-Allow-Headers: authorization, *'],
  },
  'credentials-mode-inferred': {
    title: 'Credentials mode inferred',
    explanation: 'Whether the request was sent with credentials is not on the wire, and the verdict depends on it; the evaluator chose the reading the browser\'s outcome supports.',
    fix: [],
  },
  'outcome-contradicts-headers': {
    title: 'The browser\'s outcome contradicts the headers',
    explanation: 'What the browser did and what the recorded headers imply disagree; something the recorder could not see decided (a hidden preflight, a cache, an extension).',
    fix: [],
  },
};

/** MDN page for a reason code (through its Firefox reason), or null. */
export function mdnFor(code: ReasonCode): string | null {
  const reason = FIREFOX_REASON_FOR_CODE[code];
  return reason === null ? null : mdnUrl(reason);
}

/** The facts a fix needs, from the exchange and its verdict. */
export function fixContext(x: ObservedExchange, verdict: Verdict): FixContext {
  const last = x.legs[x.legs.length - 1];
  const credentials = verdict.checks.find((c) => c.id === 'request.credentials');
  const failing = verdict.checks.find((c) => c.status === 'fail' && c.code === verdict.code);
  const header = verdict.code === 'header-disallowed-by-preflight' ? verdict.chromium.failedParameter : null;
  const unsafeHeaders = verdict.classification.preflightTriggers.flatMap((t) => (t.kind === 'method' ? [] : [t.name]));
  const origin = requestOriginOf(x).origin;
  const legs = legContexts(x, origin, 'cors');
  const checked = legs[legs.length - 1]?.actualOrigin ?? origin ?? 'https://your-site.example';
  return {
    origin: checked,
    ...(checked === 'null' && origin !== 'null' && { originTaintedByRedirect: true }),
    method: last?.request.method ?? 'GET',
    header,
    unsafeHeaders: header !== null && !unsafeHeaders.includes(header) ? [...unsafeHeaders, header] : unsafeHeaders,
    credentialed: credentials?.observed === 'include',
    status: failing !== undefined && failing.id.endsWith('.status') && failing.observed !== null ? Number(failing.observed) : null,
  };
}

/** What to tell the server team: exact header lines, a note, and the policy the snippets render. */
export interface FixAdvice {
  readonly headers: readonly string[];
  readonly note: string | null;
  readonly policy: CorsPolicy | null;
}

const NULL_ORIGIN_RISK =
  '`Access-Control-Allow-Origin: null` would let it through, but every sandboxed iframe, `data:` document and redirected request of any site also has the origin `null`: allowing it is as open as `*`, and unlike `*` admits credentials.';

/**
 * The fix for a reason code in context. It never makes things worse: when the origin the browser
 * checked is `null`, `Access-Control-Allow-Origin: null` is never advised without the warning the
 * `null-origin-allowed` check gives. After a cross-origin redirect (the request's origin is
 * tainted to `null`, https://fetch.spec.whatwg.org/#concept-request-tainted-origin) the advice
 * is to avoid the redirect (or let the client call the final URL), with `*` only when the request
 * needs no credentials.
 */
export function fixAdvice(code: ReasonCode, ctx: FixContext): FixAdvice {
  const entry = EXPLANATIONS[code];
  const plain: FixAdvice = { headers: entry.fix(ctx), note: entry.note, policy: entry.policy === null ? null : entry.policy(ctx) };
  if (ctx.origin !== 'null' || !plain.headers.some((line) => line === 'Access-Control-Allow-Origin: null')) return plain;
  const then = entry.note === null ? '' : ` ${entry.note}`;
  if (ctx.originTaintedByRedirect !== true) return { ...plain, note: `${NULL_ORIGIN_RISK}${then}` };
  const avoid =
    'The browser sent `Origin: null` because the request was redirected to another origin. Best: avoid the cross-origin redirect, or let the client call the final URL directly.';
  // `*` is only an option for a request without credentials: the fix itself says when they are needed.
  if (!plain.headers.includes('Access-Control-Allow-Credentials: true')) {
    const open = { ...ctx, origin: '*' };
    return {
      headers: entry.fix(open),
      note: `${avoid} The request carries no credentials, so the final response may instead answer \`Access-Control-Allow-Origin: *\`. ${NULL_ORIGIN_RISK}${then}`,
      policy: entry.policy === null ? null : entry.policy(open),
    };
  }
  return { headers: [], note: `${avoid} With credentials no header fixes it safely: ${NULL_ORIGIN_RISK}${then}`, policy: null };
}

/** Every framework's snippet for a reason, or null when no server configuration fixes it. */
export function serverSnippets(code: ReasonCode, ctx: FixContext): Record<Framework, string> | null {
  const policy = fixAdvice(code, ctx).policy;
  return policy === null ? null : renderAllSnippets(policy);
}
