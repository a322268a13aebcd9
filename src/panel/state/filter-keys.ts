/**
 * The filter's keys as data: DevTools' Network panel keys where they apply to a CORS exchange
 * (https://developer.chrome.com/docs/devtools/network/reference#filter-by-property), then ours.
 * Each key says what it matches, its values (a fixed list, checked; or free, with the values seen
 * in the log offered by autocomplete), and how a value matches. The parser (./filter.ts), the
 * autocomplete (./filter-suggest.ts) and the "?" popover all read this one table.
 */
import type { LogRecord } from '../../shared/protocol/messages.ts';
import { headerValues } from '../../shared/http/headers.ts';
import type { FilterFields } from './filter-fields.ts';
import { DEVTOOLS_RESOURCE_TYPES, isResourceType } from './resource-types.ts';

/** One record as a matcher sees it: its cheap fields, and the record for what they do not hold (headers). */
export interface FilterRow {
  readonly fields: FilterFields;
  readonly record: LogRecord;
}

export type ValueMatcher = (row: FilterRow) => boolean;

export interface KeyValue {
  readonly value: string;
  readonly description: string;
}

export interface FilterKeyDef {
  readonly key: string;
  /** Where the key comes from: DevTools' Network panel, or this panel. */
  readonly from: 'devtools' | 'cors-inspector';
  readonly description: string;
  readonly example: string;
  /** The only values the key takes (a unique prefix stands for its value); absent when free. */
  readonly values?: readonly KeyValue[];
  /** Values seen in the log, offered by autocomplete (free keys). */
  readonly seen?: (row: FilterRow) => Iterable<string>;
  /** Why a free value is not valid (`status-code:abc`); null when it is. */
  readonly invalid?: (value: string) => string | null;
  /** The matcher for one (lower-cased, complete) value. */
  readonly match: (value: string) => ValueMatcher;
}

/** `*` matches any run of characters; the rest literally, the whole string, case-insensitively (DevTools' `domain:`). */
function globMatcher(pattern: string): (text: string) => boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  const re = new RegExp(`^${source}$`, 'i');
  return (text) => re.test(text);
}

function headerNames(headers: readonly { name: string }[]): string[] {
  return headers.map((h) => h.name.toLowerCase());
}

function responseHeaders(row: FilterRow) {
  return row.record.exchange.legs.flatMap((leg) => leg.response?.headers ?? []);
}

function requestHeaders(row: FilterRow) {
  return row.record.exchange.legs.flatMap((leg) => leg.request.headers);
}

/** The response's MIME type (`Content-Type` without parameters), per leg. */
function mimeTypes(row: FilterRow): string[] {
  return row.record.exchange.legs.flatMap((leg) => headerValues(leg.response?.headers ?? [], 'content-type').map((v) => v.split(';')[0]?.trim().toLowerCase() ?? ''));
}

/** `is:` conditions. */
const IS: readonly (KeyValue & { readonly test: ValueMatcher })[] = [
  { value: 'running', description: 'still in flight (DevTools’ name)', test: (r) => r.fields.status === 'pending' },
  { value: 'preflighted', description: 'a CORS-preflight (OPTIONS) was sent', test: (r) => r.fields.badges.includes('preflight') },
  { value: 'cached', description: 'the preflight was answered from the browser’s preflight cache', test: (r) => r.fields.badges.includes('preflight-cached') },
  { value: 'redirected', description: 'followed at least one redirect', test: (r) => r.fields.badges.includes('redirect') },
  { value: 'credentialed', description: 'sent with credentials (cookies, credentials: include)', test: (r) => r.fields.badges.includes('credentials') },
  { value: 'warning', description: 'allowed, with a warning', test: (r) => r.fields.badges.includes('warning') },
  {
    value: 'cookie-problem',
    description: 'a cookie was withheld or a Set-Cookie refused (the Cookies tab says why)',
    test: (r) => r.fields.cookieProblem,
  },
  {
    value: 'service-worker-initiated',
    description: 'made by a service worker (in Chromium: a service or shared worker, which it does not tell apart)',
    test: (r) => r.fields.initiator?.kind === 'service-worker' || r.fields.initiator?.kind === 'service-or-shared-worker',
  },
];

const STATUSES: readonly KeyValue[] = [
  { value: 'blocked', description: 'the browser blocked it (also: failed)' },
  { value: 'allowed', description: 'CORS allowed it' },
  { value: 'not-cors', description: 'CORS did not apply (same-origin, no-cors)' },
  { value: 'pending', description: 'still in flight' },
];

const INITIATORS: readonly KeyValue[] = [
  { value: 'page', description: 'the tab’s top-level document' },
  { value: 'frame', description: 'a document in a frame of the tab' },
  { value: 'worker', description: 'a dedicated worker (in Chromium also “page or worker”)' },
  { value: 'service-worker', description: 'a service worker' },
  { value: 'shared-worker', description: 'a shared worker' },
  { value: 'service-or-shared-worker', description: 'a worker of no tab that the browser did not name' },
];

function fromTable(table: readonly (KeyValue & { readonly test: ValueMatcher })[]): (value: string) => ValueMatcher {
  return (value) => table.find((entry) => entry.value === value)?.test ?? (() => false);
}

const isNumber = (value: string): string | null => (/^\d{1,3}$/.test(value) ? null : 'expects an HTTP status code, like 204');

export const FILTER_KEYS: readonly FilterKeyDef[] = [
  {
    key: 'domain',
    from: 'devtools',
    description: 'the host of any URL of the exchange; * matches anything',
    example: 'domain:*.example.com',
    seen: (r) => r.fields.hosts,
    match: (value) => {
      const matches = globMatcher(value);
      return (r) => r.fields.hosts.some(matches);
    },
  },
  {
    key: 'has-request-header',
    from: 'devtools',
    description: 'a request header was sent',
    example: 'has-request-header:cookie',
    seen: (r) => headerNames(requestHeaders(r)),
    match: (value) => (r) => requestHeaders(r).some((h) => h.name.toLowerCase() === value),
  },
  {
    key: 'has-response-header',
    from: 'devtools',
    description: 'a response header was received',
    example: 'has-response-header:vary',
    seen: (r) => headerNames(responseHeaders(r)),
    match: (value) => (r) => responseHeaders(r).some((h) => h.name.toLowerCase() === value),
  },
  {
    key: 'is',
    from: 'devtools',
    description: 'a condition',
    example: 'is:preflighted',
    values: IS,
    match: fromTable(IS),
  },
  {
    key: 'method',
    from: 'devtools',
    description: 'the request method',
    example: 'method:PUT',
    seen: (r) => [r.fields.method],
    match: (value) => (r) => r.fields.method.toLowerCase() === value,
  },
  {
    key: 'mime-type',
    from: 'devtools',
    description: 'the response’s Content-Type, without parameters',
    example: 'mime-type:application/json',
    seen: mimeTypes,
    match: (value) => (r) => mimeTypes(r).includes(value),
  },
  {
    key: 'resource-type',
    from: 'devtools',
    description: 'the kind of request (fetch and xhr: webRequest says xmlhttprequest for both)',
    example: 'resource-type:fetch',
    values: DEVTOOLS_RESOURCE_TYPES.map((value) => ({ value, description: value })),
    match: (value) => (r) => isResourceType(r.fields.type, value),
  },
  {
    key: 'scheme',
    from: 'devtools',
    description: 'the URL scheme',
    example: 'scheme:https',
    seen: (r) => r.fields.schemes,
    match: (value) => (r) => r.fields.schemes.includes(value),
  },
  {
    key: 'status-code',
    from: 'devtools',
    description: 'the HTTP status of any response (redirects included)',
    example: 'status-code:404',
    seen: (r) => r.fields.statusCodes.map(String),
    invalid: isNumber,
    match: (value) => (r) => r.fields.statusCodes.includes(Number(value)),
  },
  {
    key: 'url',
    from: 'devtools',
    description: 'text in any URL of the exchange',
    example: 'url:/api/',
    match: (value) => (r) => r.fields.searchText.includes(value),
  },
  {
    key: 'status',
    from: 'cors-inspector',
    description: 'the CORS verdict',
    example: 'status:blocked',
    values: STATUSES,
    match: (value) => (r) => r.fields.status === value,
  },
  {
    key: 'code',
    from: 'cors-inspector',
    description: 'text in the reason code, Chromium’s CorsError or Firefox’s reason',
    example: 'code:HeaderDisallowed',
    seen: (r) => r.fields.codes,
    match: (value) => (r) => r.fields.codes.some((code) => code.toLowerCase().includes(value)),
  },
  {
    key: 'origin',
    from: 'cors-inspector',
    description: 'text in the initiator’s or the target’s origin',
    example: 'origin:localhost:3000',
    seen: (r) => [r.fields.targetOrigin, ...(r.fields.initiatorOrigin !== null ? [r.fields.initiatorOrigin] : [])].map((o) => o.replace(/^[a-z]+:\/\//, '')),
    match: (value) => (r) => `${r.fields.initiatorOrigin ?? ''}\n${r.fields.targetOrigin}`.toLowerCase().includes(value),
  },
  {
    key: 'initiator',
    from: 'cors-inspector',
    description: 'who made the request',
    example: 'initiator:service-worker',
    values: INITIATORS,
    match: (value) => (r) => {
      const who = r.fields.initiator;
      if (who === null) return false;
      // Chromium cannot tell a document's requests from its dedicated workers': "page or worker" is both.
      return who.kind === value || (value === 'worker' && who.orDedicatedWorker === true);
    },
  },
];

const BY_KEY: ReadonlyMap<string, FilterKeyDef> = new Map(FILTER_KEYS.map((def) => [def.key, def]));

export function filterKey(key: string): FilterKeyDef | undefined {
  return BY_KEY.get(key);
}

/** Values a fixed-value key accepts for `typed`: the exact one, else those it is a prefix of. Aliases first. */
export function valuesFor(def: FilterKeyDef, typed: string): readonly string[] {
  const values = def.values ?? [];
  const exact = values.find((v) => v.value === typed);
  if (exact !== undefined) return [exact.value];
  // `status:failed` was this filter's word for blocked before DevTools' keys.
  if (def.key === 'status' && typed === 'failed') return ['blocked'];
  return values.filter((v) => v.value.startsWith(typed)).map((v) => v.value);
}
