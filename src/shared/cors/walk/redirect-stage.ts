/**
 * The redirect step of a leg (https://fetch.spec.whatwg.org/#concept-http-redirect-fetch): a CORS
 * request may follow only an http(s) Location without credentials. Also the first URL's own
 * scheme check (https://fetch.spec.whatwg.org/#concept-main-fetch).
 */
import type { LegContext } from '../rules/classify.ts';
import type { ReasonCode } from '../codes.ts';
import type { Walk } from './walk-state.ts';
import { check, SPEC } from '../content/check-row.ts';
import { failure } from '../rules/failure.ts';
import { CHROMIUM_CORS_SCHEMES } from '../content/messages.ts';
import { parseUrl } from '../../http/origin.ts';
import { judgeLocation, type LocationRefusal } from '../../http/redirect.ts';

/** The first URL of a CORS request is not http(s): no CORS request is possible. */
export function unsupportedScheme(w: Walk, ctx: LegContext, prefix: string): void {
  const parsed = parseUrl(ctx.url);
  w.row(() =>
    check({
      id: `${prefix}.scheme`,
      title: parsed === null ? 'The URL is valid' : 'The URL scheme supports CORS',
      status: 'fail',
      observed: parsed?.protocol ?? ctx.url,
      expected: parsed === null ? 'a URL the URL Standard can parse' : 'http: or https:',
      // An unparsable URL never leaves the page (fetch() rejects it with a TypeError): only a
      // hand-made recording holds one, so say that rather than blame the scheme.
      detail:
        parsed === null
          ? 'The URL is not valid (the URL Standard cannot parse it, https://url.spec.whatwg.org/#concept-basic-url-parser): no browser sends such a request, so the recording is not what a browser saw.'
          : 'CORS requests are only possible to http(s) URLs.',
      code: 'cors-disabled-scheme',
      provenance: 'inferred',
      spec: SPEC.mainFetch,
    }),
  );
  w.fail(failure(w.browser, 'cors-disabled-scheme', ctx.url, 'inferred'));
}

const REFUSAL_CODE: Readonly<Record<LocationRefusal, ReasonCode>> = {
  'non-http-scheme': 'cors-disabled-scheme',
  'includes-credentials': 'redirect-contains-credentials',
};

/** The redirect rules on a 3xx leg: CORS scheme and credentials in the location URL. */
export function redirectRules(w: Walk, ctx: LegContext, location: string, prefix: string): void {
  const b = w.browser;
  const judged = judgeLocation(location, w.input.requestOrigin);
  const nextTainted = ctx.corsTainted || (w.input.mode === 'cors' && judged.leavesOrigin);
  if (!nextTainted) return;
  const bad = judged.refusal === null ? null : REFUSAL_CODE[judged.refusal];
  w.row(() =>
    check({
      id: `${prefix}.location`,
      title: 'The redirect location is allowed for CORS',
      status: bad === null ? 'pass' : 'fail',
      observed: location,
      expected: 'an http(s) URL without user:password@',
      detail:
        bad === 'cors-disabled-scheme'
          ? 'A CORS request can only be redirected to http: or https:.'
          : bad === 'redirect-contains-credentials'
            ? 'The location carries a username/password, which a CORS request may not follow.'
            : 'The location is an http(s) URL without credentials.',
      ...(bad === null ? {} : { code: bad }),
      spec: SPEC.redirect,
    }),
  );
  if (bad === null) return;
  // Chromium names the location for CorsDisabledScheme, the redirecting URL (with an empty
  // location!) for RedirectContainsCredentials. A scheme on Chromium's CORS list that is not
  // http(s) (`data:`) passes the CORS check but the network stack refuses the redirect:
  // net::ERR_UNSAFE_REDIRECT, no corsErrorStatus (verified). Firefox logs CORSDidNotSucceed
  // `(null)` at the redirecting URL for user:pass@ and data: (verified); for ftp: it first logs
  // CORSRequestNotHttp naming the location, then CORSDidNotSucceed (verified in Firefox 153);
  // other non-http(s) schemes are taken to behave like ftp:.
  if (b === 'chromium') {
    const scheme = (parseUrl(location)?.protocol ?? '').replace(/:$/, '');
    if (bad === 'cors-disabled-scheme' && CHROMIUM_CORS_SCHEMES.split(', ').includes(scheme)) {
      w.fail({ ...failure(b, 'network-error', ctx.url, 'observed', {}), code: 'cors-disabled-scheme', consoleOverride: 'Failed to load resource: net::ERR_UNSAFE_REDIRECT' });
    } else {
      w.fail(failure(b, bad, bad === 'cors-disabled-scheme' ? location : ctx.url, 'observed', { chromiumParam: '' }));
    }
  } else if (bad === 'cors-disabled-scheme' && parseUrl(location)?.protocol !== 'data:') {
    w.fail(failure(b, bad, location, 'observed'));
  } else {
    // Firefox quirk: a redirect to `data:` is CORSDidNotSucceed, like a `user:pass@` Location.
    w.fail(failure(b, bad, ctx.url, 'observed', { firefoxParam: '(null)', ...(bad === 'cors-disabled-scheme' ? { firefoxReason: 'CORSDidNotSucceed' as const } : {}) }));
  }
}

