/**
 * Bytes for the hand-off builders: a request body or an argument is sent as bytes, so every
 * quoting function works on the UTF-8 encoding of the text it is given (what a browser sends for
 * a string body, https://fetch.spec.whatwg.org/#concept-bodyinit-extract), or on raw bytes.
 */
import type { RequestBody } from '../model/exchange.ts';

const encoder = new TextEncoder();

/**
 * UTF-8 of `text`. A lone surrogate has no UTF-8 form: it becomes U+FFFD (EF BF BD), as
 * `TextEncoder` and a browser's fetch body do; `hasLoneSurrogate` tells a caller to say so.
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** True when `text` holds a UTF-16 surrogate without its partner (not representable in UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** One step of a UTF-8 walk: the code point at `i` and its byte length, or null for an invalid sequence. */
export function utf8CodePointAt(bytes: Uint8Array, i: number): { readonly codePoint: number; readonly length: number } | null {
  const b0 = bytes[i];
  if (b0 === undefined) return null;
  if (b0 < 0x80) return { codePoint: b0, length: 1 };
  const length = b0 >= 0xf0 && b0 <= 0xf4 ? 4 : b0 >= 0xe0 ? 3 : b0 >= 0xc2 && b0 <= 0xdf ? 2 : 0;
  if (length === 0 || i + length > bytes.length) return null;
  let codePoint = b0 & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k] ?? 0;
    if ((b & 0xc0) !== 0x80) return null;
    codePoint = (codePoint << 6) | (b & 0x3f);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  const min = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return null;
  return { codePoint, length };
}

/** The text of `bytes` when they are valid UTF-8, else null. */
export function utf8Text(bytes: Uint8Array): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const step = utf8CodePointAt(bytes, i);
    if (step === null) return null;
    out += String.fromCodePoint(step.codePoint);
    i += step.length;
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 4648 base64 → bytes; whitespace ignored; null when the text is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const clean = text.replace(/[\t\n\f\r ]/g, '').replace(/={1,2}$/, '');
  if (clean.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(clean)) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (const c of clean) {
    value = (value << 6) | BASE64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** Bytes → RFC 4648 base64 (with padding). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((shift) => BASE64[(n >> shift) & 63] ?? '');
    const kept = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    out += chars.slice(0, kept).join('') + '='.repeat(4 - kept);
  }
  return out;
}

/** A body as the builders use it: its bytes, and its text when the bytes are UTF-8. */
export interface BodyBytes {
  readonly bytes: Uint8Array;
  /** The same body as text; null for bytes that are not UTF-8. */
  readonly text: string | null;
  /** The recorded text had lone surrogates, sent (and here kept) as U+FFFD. */
  readonly replacedSurrogates: boolean;
}

/** The bytes of a recorded body; null when a base64 body does not decode. */
export function bodyBytes(body: RequestBody): BodyBytes | null {
  if (body.encoding === 'base64') {
    const bytes = fromBase64(body.text);
    return bytes === null ? null : { bytes, text: utf8Text(bytes), replacedSurrogates: false };
  }
  const replacedSurrogates = hasLoneSurrogate(body.text);
  const bytes = utf8(body.text);
  return { bytes, text: replacedSurrogates ? utf8Text(bytes) : body.text, replacedSurrogates };
}
