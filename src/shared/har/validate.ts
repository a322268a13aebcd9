/**
 * `unknown` → `HarDocument`, or the first problem found as a `HarIssue`. No throws: every
 * helper returns either a value or an issue.
 */
import type { HarHeaderLine, HarDocument, HarEntryRecord, HarInitiator, HarPage } from './types.ts';
import type { HarIssue, HarReadResult } from './errors.ts';
import { isToken } from '../http/token.ts';
import { parseUrl } from '../http/origin.ts';
import { splitEntries, type EntrySplit } from './split-entries.ts';

/** Limits that keep a hostile or broken file from turning into a huge report. */
export const HAR_LIMITS = {
  /** Chromium's own URL limit (`url::kMaxURLChars`, 2 MiB). */
  maxUrlLength: 2 * 1024 * 1024,
  maxHeaderNameLength: 1024,
  maxHeaderValueLength: 1024 * 1024,
  maxHeadersPerMessage: 10_000,
  maxEntries: 5_000_000,
} as const;

type Obj = Readonly<Record<string, unknown>>;
const ISSUE = Symbol('har-issue');
type TaggedIssue = HarIssue & { readonly [ISSUE]: true };
type Checked<T> = T | TaggedIssue;

function issue(code: HarIssue['code'], message: string, path: string | null): TaggedIssue {
  return { code, message, path, [ISSUE]: true };
}

function isIssue(value: unknown): value is TaggedIssue {
  return typeof value === 'object' && value !== null && ISSUE in value;
}

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function requireString(obj: Obj, key: string, path: string, maxLength: number): Checked<string> {
  const value = obj[key];
  if (typeof value !== 'string') {
    return issue('invalid-entry', `expected "${key}" to be a string, got ${typeName(value)}`, `${path}.${key}`);
  }
  if (value.length > maxLength) {
    return issue('too-large', `"${key}" is ${value.length} characters long (limit ${maxLength})`, `${path}.${key}`);
  }
  return value;
}

/** The start of a long value, quoted, for a one-line message. */
function quoteStart(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function optionalString(obj: Obj, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

function optionalNumber(obj: Obj, key: string): number | undefined {
  const value = obj[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isHeaderLine(item: unknown): item is HarHeaderLine {
  if (!isObject(item)) return false;
  const { name, value } = item;
  return (
    typeof name === 'string' &&
    typeof value === 'string' &&
    name.length <= HAR_LIMITS.maxHeaderNameLength &&
    value.length <= HAR_LIMITS.maxHeaderValueLength
  );
}

/** A header list; absent means empty (Firefox omits nothing, but hand-made HARs do). */
function headerList(obj: Obj, path: string): Checked<HarHeaderLine[]> {
  const raw = obj['headers'];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    return issue('invalid-entry', `expected "headers" to be an array, got ${typeName(raw)}`, `${path}.headers`);
  }
  if (raw.length > HAR_LIMITS.maxHeadersPerMessage) {
    return issue('too-large', `${raw.length} headers (limit ${HAR_LIMITS.maxHeadersPerMessage})`, `${path}.headers`);
  }
  const lines: HarHeaderLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item: unknown = raw[i];
    // The common case: a well-formed line, kept as is (no copy of a large capture's headers).
    if (isHeaderLine(item)) {
      lines.push(item);
      continue;
    }
    const itemPath = `${path}.headers[${i}]`;
    if (!isObject(item)) return issue('invalid-entry', `expected a header object, got ${typeName(item)}`, itemPath);
    const name = requireString(item, 'name', itemPath, HAR_LIMITS.maxHeaderNameLength);
    if (isIssue(name)) return name;
    const value = requireString(item, 'value', itemPath, HAR_LIMITS.maxHeaderValueLength);
    if (isIssue(value)) return value;
    lines.push({ name, value });
  }
  return lines;
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Start of the response: the HAR timings before `receive`, each -1 when not applicable. */
function responseDelay(entry: Obj): number | undefined {
  const timings = entry['timings'];
  if (!isObject(timings)) return optionalNumber(entry, 'time');
  let sum = 0;
  for (const phase of ['blocked', 'dns', 'connect', 'send', 'wait']) {
    const value = optionalNumber(timings, phase);
    if (value !== undefined && value > 0) sum += value;
  }
  return sum;
}

function initiatorOf(entry: Obj): HarInitiator | undefined {
  const raw = entry['_initiator'];
  if (!isObject(raw)) return undefined;
  const type = optionalString(raw, 'type');
  if (type === undefined) return undefined;
  const url = optionalString(raw, 'url');
  const requestId = optionalString(raw, 'requestId');
  return { type, ...(url !== undefined && { url }), ...(requestId !== undefined && { requestId }) };
}

/** HAR `request.postData` when it carries text; anything else (no text, `params` only) is left out. */
function postDataOf(request: Obj): HarEntryRecord['request']['postData'] {
  const raw = request['postData'];
  if (!isObject(raw)) return undefined;
  const text = optionalString(raw, 'text');
  if (text === undefined) return undefined;
  const encoding = optionalString(raw, '_encoding') === 'base64' ? ('base64' as const) : undefined;
  return { text, mimeType: optionalString(raw, 'mimeType') ?? '', ...(encoding !== undefined && { encoding }) };
}

function entryRecord(raw: unknown, index: number): Checked<HarEntryRecord> {
  const path = `log.entries[${index}]`;
  if (!isObject(raw)) return issue('invalid-entry', `expected an entry object, got ${typeName(raw)}`, path);

  const request = raw['request'];
  if (!isObject(request)) {
    return issue('invalid-entry', `expected "request" to be an object, got ${typeName(request)}`, `${path}.request`);
  }
  const method = requireString(request, 'method', `${path}.request`, 64);
  if (isIssue(method)) return method;
  // method = token (https://fetch.spec.whatwg.org/#concept-method, RFC 9110 `token = 1*tchar`)
  if (!isToken(method)) return issue('invalid-entry', `"method" ${JSON.stringify(method)} is not an HTTP method (${method === '' ? 'empty' : 'not a token'})`, `${path}.request.method`);
  const url = requireString(request, 'url', `${path}.request`, HAR_LIMITS.maxUrlLength);
  if (isIssue(url)) return url;
  if (parseUrl(url) === null) return issue('invalid-entry', `"url" is not a valid URL: ${quoteStart(url)}`, `${path}.request.url`);
  const requestHeaders = headerList(request, `${path}.request`);
  if (isIssue(requestHeaders)) return requestHeaders;

  const response = raw['response'];
  if (!isObject(response)) {
    return issue('invalid-entry', `expected "response" to be an object, got ${typeName(response)}`, `${path}.response`);
  }
  const status = response['status'] ?? 0;
  if (typeof status !== 'number' || !Number.isFinite(status)) {
    return issue('invalid-entry', `expected "status" to be a number, got ${typeName(status)}`, `${path}.response.status`);
  }
  // A status is a three-digit integer (https://fetch.spec.whatwg.org/#concept-status: 100–599 for
  // a response off the network); HAR writers put 0 where no response came.
  if (!Number.isInteger(status) || (status !== 0 && (status < 100 || status > 599))) {
    return issue('invalid-entry', `"status" ${status} is not an HTTP status (an integer from 100 to 599, or 0 for no response)`, `${path}.response.status`);
  }
  const responseHeaders = headerList(response, `${path}.response`);
  if (isIssue(responseHeaders)) return responseHeaders;
  const redirectURL = optionalString(response, 'redirectURL') ?? '';
  if (redirectURL.length > HAR_LIMITS.maxUrlLength) {
    return issue('too-large', `"redirectURL" is ${redirectURL.length} characters long`, `${path}.response.redirectURL`);
  }
  const error = optionalString(response, '_error');

  const startedAt = parseTime(raw['startedDateTime']);
  const delay = responseDelay(raw);
  return {
    index,
    startedAt,
    receivedAt: startedAt !== undefined && delay !== undefined ? startedAt + delay : undefined,
    pageref: optionalString(raw, 'pageref'),
    resourceType: optionalString(raw, '_resourceType'),
    initiator: initiatorOf(raw),
    fromCache: optionalString(raw, '_fromCache'),
    request: { method, url, headers: requestHeaders, postData: postDataOf(request) },
    response: {
      status,
      statusText: optionalString(response, 'statusText') ?? '',
      headers: responseHeaders,
      redirectURL,
      error: error === undefined || error === '' ? null : error,
    },
  };
}

function nameAndVersion(value: unknown): { name: string; version: string } | undefined {
  if (!isObject(value)) return undefined;
  return { name: optionalString(value, 'name') ?? '', version: optionalString(value, 'version') ?? '' };
}

function pagesOf(log: Obj): HarPage[] {
  const raw = log['pages'];
  if (!Array.isArray(raw)) return [];
  const pages: HarPage[] = [];
  for (const page of raw as unknown[]) {
    if (!isObject(page)) continue;
    const id = optionalString(page, 'id');
    if (id !== undefined) pages.push({ id, title: optionalString(page, 'title') ?? '' });
  }
  return pages;
}

/** The log's fields other than its entries, and the raw entries; or why it is not a HAR. */
function logOf(input: unknown): Checked<{ readonly log: Obj; readonly rawEntries: readonly unknown[] }> {
  if (!isObject(input)) {
    return issue('not-har', `not a HAR file: expected a JSON object, got ${typeName(input)}`, null);
  }
  const log = input['log'];
  if (!isObject(log)) return issue('not-har', 'not a HAR file: missing the "log" object', null);
  const rawEntries = log['entries'];
  if (!Array.isArray(rawEntries)) {
    return issue('not-har', 'not a HAR file: "log.entries" is not an array', 'log.entries');
  }
  if (rawEntries.length > HAR_LIMITS.maxEntries) {
    return issue('too-large', `${rawEntries.length} entries (limit ${HAR_LIMITS.maxEntries})`, 'log.entries');
  }
  return { log, rawEntries };
}

function documentOf(log: Obj, entries: HarEntryRecord[]): HarReadResult<HarDocument> {
  return {
    ok: true,
    value: {
      version: optionalString(log, 'version') ?? '',
      creator: nameAndVersion(log['creator']) ?? { name: '', version: '' },
      browser: nameAndVersion(log['browser']),
      pages: pagesOf(log),
      entries,
    },
  };
}

/** Validates an HTTP Archive given as already-parsed JSON. */
export function validateHar(input: unknown): HarReadResult<HarDocument> {
  const head = logOf(input);
  if (isIssue(head)) return fail(head);
  const entries: HarEntryRecord[] = [];
  for (let i = 0; i < head.rawEntries.length; i++) {
    const entry = entryRecord(head.rawEntries[i], i);
    if (isIssue(entry)) return fail(entry);
    entries.push(entry);
  }
  return documentOf(head.log, entries);
}

/**
 * The HAR parsed entry by entry (`split-entries.ts`): the text around the entries with `[]` in
 * their place, then each entry's slice, validated and dropped before the next is parsed. Null on
 * any problem at all, for the caller to parse the whole text and report it as it always has.
 */
function validateSplit(body: string, split: EntrySplit): HarReadResult<HarDocument> | null {
  const count = split.bounds.length / 2;
  if (count > HAR_LIMITS.maxEntries) return null;
  let head: ReturnType<typeof logOf>;
  try {
    head = logOf(JSON.parse(`${body.slice(0, split.arrayStart)}[]${body.slice(split.arrayEnd)}`));
  } catch {
    return null;
  }
  if (isIssue(head) || head.rawEntries.length !== 0) return null;
  const entries: HarEntryRecord[] = [];
  for (let i = 0; i < count; i++) {
    let raw: unknown;
    try {
      raw = JSON.parse(body.slice(split.bounds[2 * i], split.bounds[2 * i + 1]));
    } catch {
      return null;
    }
    const entry = entryRecord(raw, i);
    if (isIssue(entry)) return null;
    entries.push(entry);
  }
  return documentOf(head.log, entries);
}

function fail(tagged: TaggedIssue): HarReadResult<never> {
  const { code, message, path } = tagged;
  return { ok: false, error: { code, message, path } };
}

/** Parses HAR text (UTF-8, optional BOM — HAR 1.2 allows one) and validates it. */
export function parseHarText(text: string): HarReadResult<HarDocument> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const split = splitEntries(body);
  const byEntry = split === null ? null : validateSplit(body, split);
  if (byEntry !== null) return byEntry;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'not-json', message: `not valid JSON: ${detail}`, path: null } };
  }
  return validateHar(json);
}
