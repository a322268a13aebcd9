/**
 * Redaction: credentials in header values, URLs and form/JSON bodies become a marker that keeps
 * the length and a short hash, `[REDACTED-32-1a2b3c4d]`, so equal secrets still look equal and a
 * reader can tell which request carried which credential without seeing it.
 *
 * The hash is SHA-256 over a caller-chosen salt and the value, cut to 8 hex digits. Without a
 * salt a short secret (a PIN, a weak password) could be recovered from its length and hash by
 * trying candidates; the CLI and the panel pass a random salt per report, tests a fixed one.
 *
 * What counts as a credential:
 * - the values of `Cookie`, `Set-Cookie` (each cookie's value; names and attributes stay, they
 *   matter for CORS), `Authorization` and `Proxy-Authorization` (the scheme word stays:
 *   `Bearer [REDACTED-…]`);
 * - any header, query or form parameter, or JSON key whose name looks like one (`isSecretName`);
 * - the password of a `user:password@` URL;
 * - and, in URLs carried in headers (`Location`, `Referer`, `Content-Location`), the same parts.
 * `Access-Control-*` headers are never redacted: their values are header names and origins.
 *
 * Every value redacted is remembered (`Redaction.text`), so free text built from the unredacted
 * exchange (console messages quote the URL, checks quote header values) can be scrubbed too:
 * whole URLs and header values first, then each secret wherever it appears — when it has at least
 * `MIN_SCRUBBED_LENGTH` characters. A shorter one is replaced in its own field and inside the URL
 * or header value it came in, not in arbitrary text: substring matching would mangle unrelated
 * words (a cookie valued `pass` would eat every "pass" of the report).
 */
import type { ExchangeLeg, HttpHeader, ObservedExchange, ObservedRequest, ObservedResponse, PreflightRecord, RequestBody } from '../model/exchange.ts';
import { utf8 } from './bytes.ts';
import { sha256Hex } from './sha256.ts';

const ALWAYS_SECRET = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);
const SECRET_WORDS = /token|key|secret|sess|auth|passw|pwd|credential|csrf|xsrf|jwt|bearer|cookie|ticket|(?:^|[^a-z])sig/i;
const SECRET_EXACT = new Set(['code', 'pin', 'otp', 'pass', 'sid', 'jsessionid']);
const URL_HEADERS = new Set(['location', 'referer', 'content-location']);
/** Secrets (and whole values) this long or longer are scrubbed from free text. */
export const MIN_SCRUBBED_LENGTH = 8;

/** Whether a header, parameter or JSON key named `name` carries a credential. */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.startsWith('access-control-')) return false;
  return ALWAYS_SECRET.has(lower) || SECRET_EXACT.has(lower) || SECRET_WORDS.test(lower);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Percent-decoding as `application/x-www-form-urlencoded` does (`+` is a space); the input when it is not valid. */
function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

export class Redaction {
  private readonly wholes = new Map<string, string>();
  private readonly secrets = new Map<string, string>();
  private pattern: RegExp | null = null;

  /** @param salt mixed into every hash (see the file comment). */
  constructor(private readonly salt: string = '') {}

  /** The marker of one secret value, remembered for `text`. */
  value(secret: string): string {
    const marker = `[REDACTED-${[...secret].length}-${sha256Hex(utf8(`${this.salt}\u0000${secret}`)).slice(0, 8)}]`;
    if (secret !== '') this.remember(this.secrets, secret, marker);
    return marker;
  }

  private remember(map: Map<string, string>, from: string, to: string): void {
    if (from === to || map.has(from)) return;
    map.set(from, to);
    this.pattern = null;
  }

  /** `a=1&token=x` with each secret-named value redacted (query strings, form bodies, fragments). */
  params(text: string): string {
    return text
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq === -1) return pair;
        const name = pair.slice(0, eq);
        const value = pair.slice(eq + 1);
        if (value === '' || !isSecretName(formDecode(name))) return pair;
        const decoded = formDecode(value);
        if (decoded !== value) this.remember(this.secrets, decoded, this.value(value));
        return `${name}=${this.value(value)}`;
      })
      .join('&');
  }

  /** The URL with its userinfo password and secret-named query/fragment parameters redacted; the rest byte for byte. */
  url(url: string): string {
    const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/s.exec(url);
    if (match === null) return url;
    const [, scheme = '', authority = '', path = '', query, fragment] = match;
    const at = authority.lastIndexOf('@');
    const colon = authority.indexOf(':');
    const host =
      at !== -1 && colon !== -1 && colon < at
        ? `${authority.slice(0, colon + 1)}${this.value(authority.slice(colon + 1, at))}${authority.slice(at)}`
        : authority;
    const redacted = `${scheme}${host}${path}${query === undefined ? '' : `?${this.params(query.slice(1))}`}${fragment === undefined ? '' : `#${this.params(fragment.slice(1))}`}`;
    this.remember(this.wholes, url, redacted);
    return redacted;
  }

  /** One header line's value, redacted by the header's name. */
  headerValue(name: string, value: string): string {
    const lower = name.toLowerCase();
    let redacted = value;
    if (lower === 'cookie') {
      redacted = value.split(/;\s*/).map((pair) => this.cookiePair(pair)).join('; ');
    } else if (lower === 'set-cookie') {
      const semi = value.indexOf(';');
      redacted = semi === -1 ? this.cookiePair(value) : `${this.cookiePair(value.slice(0, semi))}${value.slice(semi)}`;
    } else if (lower === 'authorization' || lower === 'proxy-authorization') {
      const scheme = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+) +(.+)$/s.exec(value);
      redacted = scheme === null ? this.value(value) : `${scheme[1] ?? ''} ${this.value(scheme[2] ?? '')}`;
    } else if (isSecretName(lower)) {
      redacted = value === '' ? value : this.value(value);
    } else if (URL_HEADERS.has(lower)) {
      redacted = this.url(value);
    }
    this.remember(this.wholes, value, redacted);
    return redacted;
  }

  private cookiePair(pair: string): string {
    const eq = pair.indexOf('=');
    if (eq === -1) return pair === '' ? pair : this.value(pair);
    const value = pair.slice(eq + 1);
    return value === '' ? pair : `${pair.slice(0, eq)}=${this.value(value)}`;
  }

  /** The headers with values redacted; the same list (and header objects) where nothing changed. */
  headers(headers: readonly HttpHeader[]): readonly HttpHeader[] {
    return sameOrCopy(headers, (h) => {
      const value = this.headerValue(h.name, h.value);
      return value === h.value ? h : { name: h.name, value };
    });
  }

  /**
   * A form or JSON body with secret-named fields redacted (JSON is re-serialized compactly).
   * Other bodies are kept, with remembered secrets scrubbed from text.
   */
  body(body: RequestBody, contentType: string | null): RequestBody {
    if (body.encoding === 'base64') return body;
    const type = (contentType ?? body.mimeType ?? '').toLowerCase();
    if (type.includes('application/x-www-form-urlencoded')) return withText(body, this.params(body.text));
    if (type.includes('json')) {
      try {
        const parsed: unknown = JSON.parse(body.text);
        const redacted = JSON.stringify(this.json(parsed));
        return redacted === JSON.stringify(parsed) ? body : { ...body, text: redacted };
      } catch {
        return withText(body, this.text(body.text));
      }
    }
    return withText(body, this.text(body.text));
  }

  private json(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] =
        isSecretName(key) && (typeof item === 'string' || typeof item === 'number') ? this.value(String(item)) : this.json(item);
    }
    return out;
  }

  /** Free text with every remembered URL, header value and secret (4+ characters) replaced by its redacted form. */
  text(text: string): string {
    if (this.wholes.size === 0 && this.secrets.size === 0) return text;
    if (this.pattern === null) {
      const keys = [...this.wholes.keys(), ...this.secrets.keys()].filter((s) => [...s].length >= MIN_SCRUBBED_LENGTH);
      keys.sort((a, b) => b.length - a.length);
      this.pattern = keys.length === 0 ? /(?!)/g : new RegExp(keys.map(escapeRegExp).join('|'), 'g');
    }
    return text.replace(this.pattern, (found) => this.wholes.get(found) ?? this.secrets.get(found) ?? found);
  }

  /**
   * `value` with `text` applied to every string in it: objects and arrays are copied where a
   * string in them changed and shared where none did (a report's rows share the memoized
   * verdicts' checks, so they are scrubbed once per set of remembered values, not once per row).
   */
  deep<T>(value: T): T {
    if (this.wholes.size === 0 && this.secrets.size === 0) return value;
    const remembered = this.wholes.size + this.secrets.size;
    if (remembered !== this.scrubbedWith) {
      this.scrubbed = new WeakMap();
      this.scrubbedWith = remembered;
    }
    return this.deepStrings(value);
  }

  private scrubbedWith = 0;
  /** Objects already scrubbed with the values remembered now (`remember` only adds, so their count tells). */
  private scrubbed = new WeakMap<object, unknown>();

  private deepStrings<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (typeof value !== 'object' || value === null) return value;
    const done = this.scrubbed.get(value);
    if (done !== undefined) return done as T;
    let out: unknown;
    if (Array.isArray(value)) out = sameOrCopy(value, (item: unknown) => this.deepStrings(item));
    else {
      const entries = Object.entries(value);
      const scrubbed = entries.map(([, item]) => this.deepStrings(item));
      out = scrubbed.every((item, i) => item === entries[i]?.[1]) ? value : Object.fromEntries(entries.map(([key], i) => [key, scrubbed[i]]));
    }
    this.scrubbed.set(value, out);
    return out as T;
  }

  /** `redactExchange`'s answer for `exchange`, kept: it is asked for each command of one exchange. */
  readonly exchanges = new WeakMap<ObservedExchange, ObservedExchange>();
}

/** `items` mapped by `f`: the same array when `f` changed no item. */
function sameOrCopy<T>(items: readonly T[], f: (item: T) => T): readonly T[] {
  let out: T[] | null = null;
  items.forEach((item, i) => {
    const mapped = f(item);
    if (out === null && mapped !== item) out = items.slice(0, i);
    out?.push(mapped);
  });
  return out ?? items;
}

function withText(body: RequestBody, text: string): RequestBody {
  return text === body.text ? body : { ...body, text };
}

// Each part below is the same object when nothing in it was redacted (the report keeps the
// redacted exchange's headers: most are the recorded ones, shared rather than copied).

function redactRequest(request: ObservedRequest, r: Redaction): ObservedRequest {
  const contentType = request.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? null;
  const url = r.url(request.url);
  const headers = r.headers(request.headers);
  const body = request.body === undefined ? undefined : r.body(request.body, contentType);
  if (url === request.url && headers === request.headers && body === request.body) return request;
  return { ...request, url, headers, ...(body !== undefined && { body }) };
}

function redactResponse(response: ObservedResponse, r: Redaction): ObservedResponse {
  const headers = r.headers(response.headers);
  return headers === response.headers ? response : { ...response, headers };
}

function redactPreflight(preflight: PreflightRecord, r: Redaction): PreflightRecord {
  if (preflight.kind === 'observed') {
    const request = redactRequest(preflight.request, r);
    const response = preflight.response === null ? null : redactResponse(preflight.response, r);
    return request === preflight.request && response === preflight.response ? preflight : { ...preflight, request, response };
  }
  if (preflight.sourceResponse === undefined) return preflight;
  const sourceResponse = redactResponse(preflight.sourceResponse, r);
  return sourceResponse === preflight.sourceResponse ? preflight : { ...preflight, sourceResponse };
}

function redactLeg(leg: ExchangeLeg, r: Redaction): ExchangeLeg {
  const request = redactRequest(leg.request, r);
  const preflight = leg.preflight === null ? null : redactPreflight(leg.preflight, r);
  const response = leg.response === null ? null : redactResponse(leg.response, r);
  return request === leg.request && preflight === leg.preflight && response === leg.response ? leg : { request, preflight, response };
}

/** The exchange with every credential redacted (URLs, headers, bodies), remembered by `r`; the same object when it carries none. */
export function redactExchange(exchange: ObservedExchange, r: Redaction): ObservedExchange {
  const known = r.exchanges.get(exchange);
  if (known !== undefined) return known;
  const initiatorOrigin = exchange.initiatorOrigin === undefined ? undefined : r.url(exchange.initiatorOrigin);
  const legs = sameOrCopy(exchange.legs, (leg) => redactLeg(leg, r));
  const redacted = initiatorOrigin === exchange.initiatorOrigin && legs === exchange.legs ? exchange : { ...exchange, ...(initiatorOrigin !== undefined && { initiatorOrigin }), legs };
  r.exchanges.set(exchange, redacted);
  return redacted;
}
