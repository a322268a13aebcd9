/**
 * Rebuild an `ObservedExchange` from untrusted data (HAR files, messages across the extension
 * boundary). Missing or mistyped fields get safe defaults, so the evaluator never trips on shape.
 */
import { sanitizeCookieEvidence } from '../../cookies/evidence.ts';
import type {
  AddressSpace,
  AddressSpaces,
  CredentialsMode,
  ExchangeLeg,
  ObservedExchange,
  ObservedOutcome,
  ObservedPreflight,
  ObservedRequest,
  ObservedResponse,
  PreflightRecord,
  Recorder,
  RequestMode,
} from '../../model/exchange.ts';
import { sanitizeHeaders } from '../../http/headers.ts';

type Bag = Record<string, unknown>;

function bag(value: unknown): Bag | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : null;
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function optStr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function request(value: unknown): ObservedRequest {
  const b = bag(value) ?? {};
  const startedAt = num(b['startedAt']);
  return {
    url: str(b['url'], ''),
    method: str(b['method'], 'GET'),
    headers: sanitizeHeaders(b['headers']),
    ...(b['headersProvisional'] === true ? { headersProvisional: true } : {}),
    ...(startedAt === undefined ? {} : { startedAt }),
  };
}

function response(value: unknown): ObservedResponse | null {
  const b = bag(value);
  if (b === null) return null;
  const status = num(b['status']);
  const receivedAt = num(b['receivedAt']);
  const statusText = optStr(b['statusText']);
  return {
    status: status === undefined ? 0 : Math.trunc(status),
    headers: sanitizeHeaders(b['headers']),
    ...(statusText === undefined ? {} : { statusText }),
    ...(receivedAt === undefined ? {} : { receivedAt }),
  };
}

function preflight(value: unknown): PreflightRecord | null {
  const b = bag(value);
  if (b === null) return null;
  if (b['kind'] === 'cache-hit') {
    const maxAge = b['maxAgeSeconds'];
    const source = response(b['sourceResponse']);
    const cachedAt = num(b['cachedAt']);
    const sourceExchangeId = optStr(b['sourceExchangeId']);
    return {
      kind: 'cache-hit',
      ...(sourceExchangeId === undefined ? {} : { sourceExchangeId }),
      ...(cachedAt === undefined ? {} : { cachedAt }),
      ...(typeof maxAge === 'number' && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : maxAge === null ? { maxAgeSeconds: null } : {}),
      ...(source === null ? {} : { sourceResponse: source }),
    };
  }
  const error = optStr(b['error']);
  const observed: ObservedPreflight = {
    kind: 'observed',
    request: request(b['request']),
    response: response(b['response']),
    ...(error === undefined ? {} : { error }),
  };
  return observed;
}

function leg(value: unknown): ExchangeLeg {
  const b = bag(value) ?? {};
  return { request: request(b['request']), preflight: preflight(b['preflight']), response: response(b['response']) };
}

function outcome(value: unknown): ObservedOutcome {
  const b = bag(value) ?? {};
  const kind = b['kind'] === 'failed' || b['kind'] === 'succeeded' ? b['kind'] : 'unknown';
  const error = optStr(b['error']);
  const chromiumCorsError = optStr(b['chromiumCorsError']);
  return { kind, ...(error === undefined ? {} : { error }), ...(chromiumCorsError === undefined ? {} : { chromiumCorsError }) };
}

const SPACES: readonly AddressSpace[] = ['loopback', 'local', 'public', 'unknown'];

function addressSpaces(value: unknown): AddressSpaces | undefined {
  const b = bag(value);
  if (b === null) return undefined;
  const initiator = oneOf(b['initiator'], SPACES);
  const target = oneOf(b['target'], SPACES);
  const requestedTarget = oneOf(b['requestedTarget'], SPACES);
  const secure = b['initiatorIsSecureContext'];
  return {
    ...(initiator === undefined ? {} : { initiator }),
    ...(target === undefined ? {} : { target }),
    ...(requestedTarget === undefined ? {} : { requestedTarget }),
    ...(typeof secure === 'boolean' ? { initiatorIsSecureContext: secure } : {}),
  };
}

const RECORDERS: readonly Recorder[] = ['chromium', 'firefox', 'unknown'];
const MODES: readonly RequestMode[] = ['same-origin', 'cors', 'no-cors', 'navigate', 'websocket'];
const CREDENTIALS: readonly CredentialsMode[] = ['omit', 'same-origin', 'include'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function sanitizeExchange(value: unknown): ObservedExchange {
  const b = bag(value) ?? {};
  const rawLegs = Array.isArray(b['legs']) ? (b['legs'] as unknown[]) : [];
  const legs = rawLegs.length === 0 ? [leg({})] : rawLegs.map(leg);
  const initiatorOrigin = optStr(b['initiatorOrigin']);
  const resourceType = optStr(b['resourceType']);
  const credentialsMode = oneOf(b['credentialsMode'], CREDENTIALS);
  const mode = oneOf(b['mode'], MODES);
  const spaces = addressSpaces(b['addressSpace']);
  const topLevelUrl = optStr(b['topLevelUrl']);
  const cookieEvidence = sanitizeCookieEvidence(b['cookieEvidence']);
  return {
    id: str(b['id'], ''),
    recorder: oneOf(b['recorder'], RECORDERS) ?? 'unknown',
    ...(initiatorOrigin === undefined ? {} : { initiatorOrigin }),
    ...(resourceType === undefined ? {} : { resourceType }),
    ...(credentialsMode === undefined ? {} : { credentialsMode }),
    ...(mode === undefined ? {} : { mode }),
    ...(spaces === undefined ? {} : { addressSpace: spaces }),
    ...(topLevelUrl === undefined ? {} : { topLevelUrl }),
    ...(cookieEvidence === undefined ? {} : { cookieEvidence }),
    legs,
    outcome: outcome(b['outcome']),
  };
}
