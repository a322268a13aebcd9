/**
 * Chromium's Local Network Access (LNA, https://wicg.github.io/local-network-access/): a request
 * from a less private address space to a more private one (public → local → loopback) needs a
 * secure context and the user's permission, before any preflight. No response header changes that.
 * Firefox 153 has no such check. Verified in Chromium 156 with `--ip-address-space-overrides`:
 * - permission not granted → LocalNetworkAccessPermissionDenied, failedParameter '', the preflight
 *   is never sent; message "Permission was denied for this request to access the `loopback` address space.";
 * - a non-secure public page → InsecureLocalNetwork, "The request client is not a secure context and
 *   the resource is in more-private address space `loopback`.";
 * - fetch(url, {targetAddressSpace: 'local'}) landing on loopback → InvalidLocalNetworkAccess,
 *   "Request had a target IP address space of `local` yet the resource is in address space `loopback`."
 */
import type { AddressSpace, BrowserName, ObservedExchange } from '../../model/exchange.ts';
import type { Provenance } from '../verdict.ts';
import type { ChromiumCorsError } from '../codes.ts';
import { asciiLower } from '../../http/headers.ts';
import { parseUrl } from '../../http/origin.ts';

const RANK: Record<AddressSpace, number> = { loopback: 0, local: 1, public: 2, unknown: 3 };

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (m === null) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** The address space a URL's host literally names; `unknown` for names DNS decides. */
export function addressSpaceOfUrl(url: string): AddressSpace {
  const u = parseUrl(url);
  if (u === null) return 'unknown';
  const host = asciiLower(u.hostname);
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return 'loopback';
  const v4 = ipv4(host);
  if (v4 !== null) {
    const [a = 0, b = 0] = v4;
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)) return 'local';
    if (a === 0) return 'unknown';
    return 'public';
  }
  if (host.startsWith('[')) return /^\[f[cd]|^\[fe[89ab]/.test(host) ? 'local' : 'public';
  if (host.endsWith('.local')) return 'local';
  return 'unknown';
}

/** https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy, for origins. */
export function isPotentiallyTrustworthy(origin: string): boolean {
  const u = parseUrl(origin);
  if (u === null) return false;
  if (u.protocol === 'https:' || u.protocol === 'wss:' || u.protocol === 'file:') return true;
  return addressSpaceOfUrl(origin) === 'loopback';
}

export interface LnaFailure {
  readonly corsError: Extract<ChromiumCorsError, 'InsecureLocalNetwork' | 'InvalidLocalNetworkAccess' | 'LocalNetworkAccessPermissionDenied'>;
  readonly message: string;
  readonly provenance: Provenance;
  readonly because: string;
}

/**
 * The LNA verdict for the exchange's target. With `strict` the spaces must have been recorded
 * (`x.addressSpace`); otherwise host names stand in and a name counts as public, which is only good
 * enough to explain a failure the browser reported.
 */
export function localNetworkFailure(x: ObservedExchange, strict: boolean): LnaFailure | null {
  const recorded = x.addressSpace;
  if (strict && (recorded?.initiator === undefined || recorded.initiator === 'unknown')) return null;
  const url = x.legs[0]?.request.url ?? '';
  const target = recorded?.target ?? addressSpaceOfUrl(url);
  const initiatorGuess = x.initiatorOrigin === undefined ? 'unknown' : addressSpaceOfUrl(x.initiatorOrigin);
  const initiator = recorded?.initiator ?? (initiatorGuess === 'unknown' ? 'public' : initiatorGuess);
  const provenance: Provenance = recorded?.initiator === undefined ? 'inferred' : 'observed';
  if (recorded?.requestedTarget !== undefined && recorded.requestedTarget !== 'unknown' && target !== 'unknown' && recorded.requestedTarget !== target) {
    return {
      corsError: 'InvalidLocalNetworkAccess',
      message: `Request had a target IP address space of \`${recorded.requestedTarget}\` yet the resource is in address space \`${target}\`.`,
      provenance,
      because: `fetch() declared targetAddressSpace ${recorded.requestedTarget}, but the server is ${target}`,
    };
  }
  if (target === 'unknown' || RANK[target] >= RANK[initiator]) return null;
  const secure = recorded?.initiatorIsSecureContext ?? (x.initiatorOrigin === undefined ? true : isPotentiallyTrustworthy(x.initiatorOrigin));
  if (!secure) {
    return {
      corsError: 'InsecureLocalNetwork',
      message: `The request client is not a secure context and the resource is in more-private address space \`${target}\`.`,
      provenance,
      because: `a non-secure ${initiator} page may not reach the ${target} address space`,
    };
  }
  return {
    corsError: 'LocalNetworkAccessPermissionDenied',
    message: `Permission was denied for this request to access the \`${target}\` address space.`,
    provenance,
    because: `a ${initiator} page reaching the ${target} address space needs the user's Local Network Access permission`,
  };
}

/**
 * Chromium's network error for a request its Local Network Access checks refused (verified in
 * Chromium 156: the preflight entry of a blocked preflighted request carries it; the request
 * itself says only net::ERR_FAILED).
 */
/** Stage 2 of the evaluation: Chromium's Local Network Access check, before any preflight. */
export interface LocalNetworkGate {
  readonly lna: LnaFailure;
  /** Chromium completed a request the check refuses without permission: the user granted it. */
  readonly granted: boolean;
}

/**
 * The gate when the recording shows it applies: from recorded address spaces, or from Chromium's
 * LNA network error; null otherwise (host names alone only explain an observed failure, later).
 */
export function localNetworkGate(x: ObservedExchange, recorder: BrowserName): LocalNetworkGate | null {
  const lna = localNetworkFailure(x, true) ?? localNetworkFailureFromError(x);
  if (lna === null) return null;
  const granted = lna.corsError === 'LocalNetworkAccessPermissionDenied' && recorder === 'chromium' && x.outcome.kind === 'succeeded';
  return { lna, granted };
}

export const LNA_NET_ERROR = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';

/**
 * The LNA verdict when Chromium's own network error says its LNA checks refused the request
 * (on the exchange or on a preflight), though the address spaces were not recorded. Which
 * CorsError is inferred: InsecureLocalNetwork for a non-secure page, else
 * LocalNetworkAccessPermissionDenied (InvalidLocalNetworkAccess needs fetch()'s
 * `targetAddressSpace`, which only a recorder that was told can know; `localNetworkFailure` has it).
 */
export function localNetworkFailureFromError(x: ObservedExchange): LnaFailure | null {
  const named = x.outcome.error === LNA_NET_ERROR || x.legs.some((leg) => leg.preflight?.kind === 'observed' && leg.preflight.error === LNA_NET_ERROR);
  if (!named) return null;
  const target = x.addressSpace?.target ?? addressSpaceOfUrl(x.legs[0]?.request.url ?? '');
  const space = target === 'unknown' ? '(not recorded)' : `\`${target}\``;
  const secure = x.addressSpace?.initiatorIsSecureContext ?? (x.initiatorOrigin === undefined ? true : isPotentiallyTrustworthy(x.initiatorOrigin));
  const because = `Chromium failed it with ${LNA_NET_ERROR}`;
  if (!secure) {
    return {
      corsError: 'InsecureLocalNetwork',
      message: `The request client is not a secure context and the resource is in more-private address space ${space}.`,
      provenance: 'inferred',
      because: `${because}, and the page is not a secure context`,
    };
  }
  return {
    corsError: 'LocalNetworkAccessPermissionDenied',
    message: `Permission was denied for this request to access the ${space} address space.`,
    provenance: 'inferred',
    because: `${because}, and the page is a secure context, so the user's permission was missing`,
  };
}

/** The message body for an LNA CorsError Chromium reported, with the spaces we can tell. */
export function lnaBodyFor(error: LnaFailure['corsError'], x: ObservedExchange): string {
  const target = x.addressSpace?.target ?? addressSpaceOfUrl(x.legs[0]?.request.url ?? '');
  switch (error) {
    case 'InsecureLocalNetwork':
      return `The request client is not a secure context and the resource is in more-private address space \`${target}\`.`;
    case 'InvalidLocalNetworkAccess':
      return `Request had a target IP address space of \`${x.addressSpace?.requestedTarget ?? 'unknown'}\` yet the resource is in address space \`${target}\`.`;
    case 'LocalNetworkAccessPermissionDenied':
      return `Permission was denied for this request to access the \`${target}\` address space.`;
    default: {
      const _exhaustive: never = error;
      return _exhaustive;
    }
  }
}

export function isLnaError(error: ChromiumCorsError): error is LnaFailure['corsError'] {
  return error === 'InsecureLocalNetwork' || error === 'InvalidLocalNetworkAccess' || error === 'LocalNetworkAccessPermissionDenied';
}
