/**
 * The CORS check (https://fetch.spec.whatwg.org/#cors-check) as each browser implements it, on
 * actual responses, redirect responses and (with the actual request's credentials mode) preflight
 * responses. Every branch below was observed in Chromium 156 and Firefox 153 (see VERIFIED.md).
 */
import type { BrowserName, HttpHeader } from '../../model/exchange.ts';
import type { AccessCheckCode } from '../codes.ts';
import { countHeaderLines } from '../../http/headers.ts';
import { isParsableUrl } from '../../http/origin.ts';

export interface AccessInput {
  readonly headers: readonly HttpHeader[];
  /** `getHeader(headers, 'access-control-allow-origin')`, which the caller has read already. */
  readonly allowOrigin: string | null;
  /** `getHeader(headers, 'access-control-allow-credentials')`, likewise. */
  readonly allowCredentials: string | null;
  readonly status: number;
  /** The serialized request origin the browser sent (`null` the string when tainted). */
  readonly origin: string | null;
  readonly credentialed: boolean;
}

export type AccessResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: AccessCheckCode;
      /** Chromium's `failedParameter`, or Firefox's message parameter (`%2$S`). */
      readonly param: string;
      /** Which header the failure is about. */
      readonly header: 'origin' | 'credentials';
    };

export function accessCheck(browser: BrowserName, input: AccessInput): AccessResult {
  return browser === 'chromium' ? chromiumAccessCheck(input) : firefoxAccessCheck(input);
}

/**
 * Chromium `network::cors::CheckAccess` (cors.cc). The spec compares the combined ACAO value with
 * the serialized origin byte for byte; Chromium does the same and then names the mismatch:
 * - `*` with credentials → WildcardOriginNotAllowed, without looking at ACAC (verified);
 * - a value with a space or comma → MultipleAllowOriginValues, duplicate lines included (they are
 *   joined with `, `; verified with `a, a` and `*, *`);
 * - `null` → AllowOriginMismatch; an unparsable URL (`foo`, `http://`, `""`, `"*"`) →
 *   InvalidAllowOriginValue; anything else (trailing slash, other case) → AllowOriginMismatch.
 * - credentials and ACAC ≠ `true` byte for byte (`TRUE`, `true, true`) → InvalidAllowCredentials,
 *   failedParameter the value or `''` when absent.
 */
function chromiumAccessCheck(input: AccessInput): AccessResult {
  const acao = input.allowOrigin;
  if (acao === '*') {
    return input.credentialed ? { ok: false, code: 'wildcard-origin-with-credentials', param: '', header: 'origin' } : { ok: true };
  }
  if (acao === null) return { ok: false, code: 'missing-allow-origin', param: '', header: 'origin' };
  if (acao !== input.origin) {
    if (/[ ,]/.test(acao)) return { ok: false, code: 'multiple-allow-origin', param: acao, header: 'origin' };
    if (acao === 'null') return { ok: false, code: 'allow-origin-mismatch', param: acao, header: 'origin' };
    if (!isParsableUrl(acao)) return { ok: false, code: 'invalid-allow-origin', param: acao, header: 'origin' };
    return { ok: false, code: 'allow-origin-mismatch', param: acao, header: 'origin' };
  }
  if (!input.credentialed) return { ok: true };
  const acac = input.allowCredentials;
  if (acac !== 'true') return { ok: false, code: 'invalid-allow-credentials', param: acac ?? '', header: 'credentials' };
  return { ok: true };
}

/**
 * Firefox `nsCORSListenerProxy::CheckRequestApproved`: counts ACAO *lines* (two lines →
 * CORSMultipleAllowOriginNotAllowed even when both are `*`), while one line `a, b` is simply not
 * matching (CORSAllowOriginNotMatchingOrigin quoting the value). Missing ACAO quotes the status.
 */
function firefoxAccessCheck(input: AccessInput): AccessResult {
  if (countHeaderLines(input.headers, 'access-control-allow-origin') > 1) {
    return { ok: false, code: 'multiple-allow-origin', param: '', header: 'origin' };
  }
  const acao = input.allowOrigin;
  if (acao === null) return { ok: false, code: 'missing-allow-origin', param: String(input.status), header: 'origin' };
  if (input.credentialed && acao === '*') return { ok: false, code: 'wildcard-origin-with-credentials', param: '', header: 'origin' };
  if ((input.credentialed || acao !== '*') && acao !== input.origin) {
    return { ok: false, code: 'allow-origin-mismatch', param: acao, header: 'origin' };
  }
  if (input.credentialed && input.allowCredentials !== 'true') {
    return { ok: false, code: 'invalid-allow-credentials', param: '', header: 'credentials' };
  }
  return { ok: true };
}
