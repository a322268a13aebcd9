/**
 * What each reason and warning means, as data keyed by code so a missing entry is a type error.
 * The fix itself is computed per exchange (`../fix/`): which response gets which header, proven
 * against both browsers' rules; here are the words around it and whether a server can fix the
 * reason at all.
 */
import type { ReasonCode, WarningCode } from '../codes.ts';
import { FIREFOX_REASON_FOR_CODE, mdnUrl } from '../codes.ts';

export interface Explanation {
  readonly title: string;
  readonly explanation: string;
  /** What to do when headers are not the fix (or what else to check). */
  readonly note: string | null;
  /** Whether a change to the server's responses can fix it; false: the client, the network or the browser must change. */
  readonly serverCanFix: boolean;
}

const ON_ERRORS = 'Error responses need the headers too: many servers add CORS headers only on success, so a 401/404/500 shows up as a CORS error.';

export const EXPLANATIONS: Record<ReasonCode, Explanation> = {
  'disallowed-by-mode': {
    title: 'Cross-origin request in same-origin mode',
    explanation: 'The request was made with `mode: "same-origin"`, which forbids any cross-origin URL, including a redirect target. No server header can allow it.',
    note: 'Drop `mode: "same-origin"` (the default `cors` mode lets the server decide), or keep the request on the page\'s origin.',
    serverCanFix: false,
  },
  'cors-disabled-scheme': {
    title: 'The URL scheme does not support CORS',
    explanation: 'CORS requests, and the redirects they follow, can only go to `http:` and `https:` URLs.',
    note: 'Serve the resource over http(s), and make redirects point at http(s) URLs.',
    serverCanFix: false,
  },
  'missing-allow-origin': {
    title: 'No Access-Control-Allow-Origin header',
    explanation: `The response carries no \`Access-Control-Allow-Origin\`, so the browser will not let the page read it. ${ON_ERRORS}`,
    note: 'If only some responses fail, check which status codes and paths skip the CORS middleware (error handlers, proxies, CDNs).',
    serverCanFix: true,
  },
  'multiple-allow-origin': {
    title: 'Access-Control-Allow-Origin has several values',
    explanation: 'The header must hold exactly one origin (or `*`). It was sent twice (typically by both the app and a proxy) or lists several origins in one line; CORS has no list syntax.',
    note: 'Set the header in one place only; to allow several origins, echo the request\'s Origin when it is on your allow-list.',
    serverCanFix: true,
  },
  'invalid-allow-origin': {
    title: 'Access-Control-Allow-Origin is not a valid origin',
    explanation: 'The value is neither `*` nor an origin like `https://app.example` (scheme, host, optional port; no path, no quotes).',
    note: null,
    serverCanFix: true,
  },
  'allow-origin-mismatch': {
    title: 'Access-Control-Allow-Origin is a different origin',
    explanation: 'The header names an origin other than the page\'s. Origins compare byte for byte: a trailing slash, another port or scheme, or different case all mismatch. After a redirect to another origin the page\'s origin becomes `null`.',
    note: null,
    serverCanFix: true,
  },
  'wildcard-origin-with-credentials': {
    title: '`*` with a credentialed request',
    explanation: 'The request carries credentials (cookies, HTTP auth: `credentials: "include"` or `withCredentials`), and for those `Access-Control-Allow-Origin: *` is never enough: the server must name the origin and allow credentials.',
    note: 'Or, if the request needs no cookies, drop `credentials: "include"` / `withCredentials`.',
    serverCanFix: true,
  },
  'invalid-allow-credentials': {
    title: 'Access-Control-Allow-Credentials is not `true`',
    explanation: 'A credentialed request needs `Access-Control-Allow-Credentials: true` exactly: lower-case, once, nothing else.',
    note: null,
    serverCanFix: true,
  },
  'preflight-missing-allow-origin': {
    title: 'Preflight: no Access-Control-Allow-Origin',
    explanation: 'The OPTIONS preflight answer lacks `Access-Control-Allow-Origin`. Often the framework routes OPTIONS to a 404/405 handler, or authentication rejects it (preflights never carry cookies or Authorization).',
    note: 'Answer OPTIONS before authentication, with status 204.',
    serverCanFix: true,
  },
  'preflight-multiple-allow-origin': {
    title: 'Preflight: Access-Control-Allow-Origin has several values',
    explanation: 'The preflight answer sends `Access-Control-Allow-Origin` twice or with a list; it must hold exactly one origin.',
    note: 'Set the header in one place only (app or proxy, not both).',
    serverCanFix: true,
  },
  'preflight-invalid-allow-origin': {
    title: 'Preflight: Access-Control-Allow-Origin is not a valid origin',
    explanation: 'The preflight answer\'s `Access-Control-Allow-Origin` is neither `*` nor a valid origin.',
    note: null,
    serverCanFix: true,
  },
  'preflight-allow-origin-mismatch': {
    title: 'Preflight: Access-Control-Allow-Origin is a different origin',
    explanation: 'The preflight answer names another origin than the page\'s (byte for byte: no trailing slash, same scheme, port and case).',
    note: null,
    serverCanFix: true,
  },
  'preflight-wildcard-origin-with-credentials': {
    title: 'Preflight: `*` with a credentialed request',
    explanation: 'The actual request is credentialed, so its preflight answer must name the origin, not `*`, and allow credentials.',
    note: null,
    serverCanFix: true,
  },
  'preflight-invalid-allow-credentials': {
    title: 'Preflight: Access-Control-Allow-Credentials is not `true`',
    explanation: 'The actual request is credentialed, so the preflight answer too must carry `Access-Control-Allow-Credentials: true`.',
    note: null,
    serverCanFix: true,
  },
  'preflight-invalid-status': {
    title: 'Preflight status is not 2xx',
    explanation: 'The OPTIONS preflight got a non-2xx status (commonly 401 from authentication, 404/405 from a router without an OPTIONS route, or 500). A preflight must succeed with 200–299.',
    note: 'Answer OPTIONS with 204 before authentication and routing.',
    serverCanFix: true,
  },
  'preflight-redirect': {
    title: 'Preflight was redirected',
    explanation: 'Browsers never follow a redirect on a preflight. Typical causes: http→https, adding or removing a trailing slash, or a login redirect.',
    note: 'Request the final URL directly, or answer OPTIONS before the redirect rule.',
    serverCanFix: true,
  },
  'preflight-network-error': {
    title: 'Preflight failed at the network level',
    explanation: 'The OPTIONS request got no HTTP response (connection refused or reset, DNS, TLS). No header can fix this.',
    note: 'Check that the server accepts OPTIONS requests at all (some firewalls and WAFs drop them).',
    serverCanFix: false,
  },
  'invalid-allow-methods': {
    title: 'Access-Control-Allow-Methods does not parse',
    explanation: 'The value must be a comma-separated list of method tokens (`GET, PUT, DELETE`); spaces inside an item, semicolons and quotes are invalid.',
    note: null,
    serverCanFix: true,
  },
  'invalid-allow-headers': {
    title: 'Access-Control-Allow-Headers does not parse',
    explanation: 'The value must be a comma-separated list of header names (`content-type, x-api-key`).',
    note: null,
    serverCanFix: true,
  },
  'method-disallowed-by-preflight': {
    title: 'Method not in Access-Control-Allow-Methods',
    explanation: 'The preflight answer does not list the request\'s method. Methods compare case-sensitively (`PATCH` ≠ `patch`), and `*` is a wildcard only for requests without credentials.',
    note: null,
    serverCanFix: true,
  },
  'header-disallowed-by-preflight': {
    title: 'Request header not in Access-Control-Allow-Headers',
    explanation: 'The page set a header that is not CORS-safelisted (e.g. `Content-Type: application/json`, `Authorization`, `X-Requested-With`), and the preflight answer does not list it. `*` is a wildcard only without credentials.',
    note: null,
    serverCanFix: true,
  },
  'redirect-contains-credentials': {
    title: 'Redirect to a URL with user:password',
    explanation: 'A CORS request may not follow a redirect whose location has `user:password@`. No CORS header changes that.',
    note: 'Remove the credentials from the Location URL; send them as an Authorization header instead.',
    serverCanFix: false,
  },
  'network-error': {
    title: 'Network error',
    explanation: 'The request failed below HTTP (connection refused or reset, DNS, TLS, or blocked by the browser or an extension). It is not a CORS decision.',
    note: 'Firefox still reports this as "CORS request did not succeed".',
    serverCanFix: false,
  },
  'local-network-access': {
    title: 'Local Network Access blocked',
    explanation: 'Chromium gates requests from public sites to private or loopback addresses behind a permission (and a secure context). Response headers do not help; `Access-Control-Allow-Private-Network` is obsolete.',
    note: 'Serve the page from a secure context and grant the local-network permission, or call the device from the same network origin.',
    serverCanFix: false,
  },
  'blocked-cause-not-visible': {
    title: 'Blocked; the cause is not in the recording',
    explanation: 'The browser failed the request, but the recorded headers pass every CORS check. The cause is outside the recording: a preflight the recorder could not see, an extension, or a network error.',
    note: 'Record with the DevTools panel open (Chrome shows preflights only then), or reproduce in the lab.',
    serverCanFix: false,
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
