/**
 * Request bodies from webRequest's `onBeforeRequest` (extraInfoSpec `requestBody`), so a copied
 * curl or fetch() of a live capture sends the body the page sent. Chrome and Firefox give the
 * same shape (https://developer.chrome.com/docs/extensions/reference/api/webRequest#type-OnBeforeRequestDetails):
 * - `raw`: the body as `UploadData` parts, each `bytes` (an ArrayBuffer) or `file` (a path, no bytes);
 * - `formData`: instead of `raw`, for a POST whose body parsed as `application/x-www-form-urlencoded`
 *   or `multipart/form-data`, `{ name: [values] }`;
 * - `error`: the browser could not read it.
 *
 * Recorded: a `raw` body of bytes only, up to `MAX_BODY_BYTES` — as text when it is UTF-8, else
 * base64; and a urlencoded `formData` whose pairs can be put back in order (one value per name,
 * no name that JavaScript would reorder as an array index), serialized again by
 * https://url.spec.whatwg.org/#concept-urlencoded-serializer — the bytes URLSearchParams and a form
 * send; a hand-written body may have been percent-encoded differently but decodes the same.
 * Not recorded: a larger body, one with file parts, multipart form data (its part headers and
 * boundary are gone). A request without a recorded body that had one says so when copied
 * (`body-not-recorded`).
 *
 * Hot path: `offer` reads one property for a request without a body, and a body is decoded only
 * when a followed request claims it (`take`); the stash keeps at most `MAX_WAITING` bodies.
 */
import type { HttpHeader, ObservedRequest, RequestBody } from '../model/exchange.ts';
import { originOf, sameOrigin } from '../http/origin.ts';
import { initiatorOriginOf } from './raw-event.ts';

/** Bodies larger than this (in bytes) are not recorded: the persisted log and the port carry every body. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Bodies waiting for their request's next event; the oldest goes first beyond this. */
const MAX_WAITING = 256;

type Details = Record<string, unknown>;

function isObject(value: unknown): value is Details {
  return typeof value === 'object' && value !== null;
}

/** An ArrayBuffer from any realm (the browser may hand the worker one made elsewhere). */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** The `bytes` of every part, or null when a part has none (a file) or they exceed `MAX_BODY_BYTES`. */
function rawParts(parts: readonly unknown[]): ArrayBuffer[] | null {
  const buffers: ArrayBuffer[] = [];
  let size = 0;
  for (const part of parts) {
    const bytes = isObject(part) ? part['bytes'] : undefined;
    if (!isArrayBuffer(bytes)) return null;
    size += bytes.byteLength;
    if (size > MAX_BODY_BYTES) return null;
    buffers.push(bytes);
  }
  return buffers;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function fromBytes(buffers: readonly ArrayBuffer[], mimeType: string | null): RequestBody {
  const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let at = 0;
  for (const buffer of buffers) {
    bytes.set(new Uint8Array(buffer), at);
    at += buffer.byteLength;
  }
  const type = mimeType === null ? {} : { mimeType };
  try {
    return { text: utf8.decode(bytes), ...type };
  } catch {
    return { text: base64(bytes), encoding: 'base64', ...type };
  }
}

/** https://url.spec.whatwg.org/#concept-urlencoded-byte-serializer: `*-._` and alphanumerics stay, space is `+`. */
function urlencoded(text: string): string {
  return encodeURIComponent(text).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/** The urlencoded body of `formData`, or null when its pairs' order cannot be known. */
function fromFormData(formData: Details): string | null {
  const pairs: string[] = [];
  for (const [name, values] of Object.entries(formData)) {
    // One value per name keeps the order; integer-like names come first in any object.
    if (!Array.isArray(values) || values.length !== 1 || typeof values[0] !== 'string' || /^(0|[1-9]\d*)$/.test(name)) return null;
    pairs.push(`${urlencoded(name)}=${urlencoded(values[0])}`);
  }
  const body = pairs.join('&');
  return body.length > MAX_BODY_BYTES ? null : body;
}

/** The body webRequest gave (`details.requestBody`), as recorded; undefined when it is not recorded (see the file comment). */
export function readRequestBody(requestBody: unknown, contentType: string | null): RequestBody | undefined {
  if (!isObject(requestBody) || requestBody['error'] !== undefined) return undefined;
  const raw = requestBody['raw'];
  if (Array.isArray(raw)) {
    const buffers = rawParts(raw);
    return buffers === null ? undefined : fromBytes(buffers, contentType);
  }
  const formData = requestBody['formData'];
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  if (isObject(formData) && essence === 'application/x-www-form-urlencoded') {
    const text = fromFormData(formData);
    if (text !== null) return { text, ...(contentType === null ? {} : { mimeType: contentType }) };
  }
  return undefined;
}

/** Bodies seen in `onBeforeRequest`, waiting for their request's `onSendHeaders` (or error). */
export class BodyStash {
  readonly #waiting = new Map<string, unknown>();

  /** Keeps the body of a cross-origin request, by requestId (raw details; nothing decoded yet). */
  offer(details: unknown): void {
    if (!isObject(details)) return;
    const body = details['requestBody'];
    if (body === undefined || body === null) return;
    const requestId = details['requestId'];
    const url = details['url'];
    if (typeof requestId !== 'string' || typeof url !== 'string') return;
    // Same-origin requests are not followed (unless a redirect makes them cross-origin: then the body is missing).
    if (sameOrigin(initiatorOriginOf(details) ?? null, originOf(url))) return;
    this.#waiting.delete(requestId);
    this.#waiting.set(requestId, body);
    if (this.#waiting.size > MAX_WAITING) {
      const oldest = this.#waiting.keys().next().value;
      if (oldest !== undefined) this.#waiting.delete(oldest);
    }
  }

  /** The recorded body of `requestId`, read with its request's headers; forgets it. */
  take(requestId: string, headers: readonly HttpHeader[]): RequestBody | undefined {
    if (this.#waiting.size === 0) return undefined;
    const body = this.#waiting.get(requestId);
    if (body === undefined) return undefined;
    this.#waiting.delete(requestId);
    const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? null;
    return readRequestBody(body, contentType);
  }

  /** `request` with the recorded body of `requestId`, when there is one (taken, as by `take`). */
  withBody(request: ObservedRequest, requestId: string): ObservedRequest {
    const body = this.take(requestId, request.headers);
    return body === undefined ? request : { ...request, body };
  }

  /** Forgets the body of a request that was not followed. */
  forget(requestId: string): void {
    if (this.#waiting.size > 0) this.#waiting.delete(requestId);
  }

  /** How many bodies are waiting (tests). */
  get size(): number {
    return this.#waiting.size;
  }
}
