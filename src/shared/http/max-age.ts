/**
 * `Access-Control-Max-Age` (https://fetch.spec.whatwg.org/#http-access-control-max-age), read
 * once here; each browser's lifetime rules over the result live in `preflight-cache.ts`.
 *
 *     Access-Control-Max-Age = delta-seconds
 *     delta-seconds          = 1*DIGIT        ; https://www.rfc-editor.org/rfc/rfc9111#name-delta-seconds
 *
 * Chromium's reader (base::StringToInt64) also takes one leading `+` or `-`, so the parse keeps
 * the sign for the rules to accept or refuse.
 */

export interface DeltaSeconds {
  readonly sign: '' | '+' | '-';
  /** One or more ASCII digits, as sent (leading zeros kept). */
  readonly digits: string;
}

const SIGNED_DIGITS = /^([+-]?)(\d+)$/;

/** The value as an optionally signed run of digits; null when absent or anything else (`60abc`, `60.5`, `60, 60`). */
export function parseMaxAge(raw: string | null): DeltaSeconds | null {
  if (raw === null) return null;
  const m = SIGNED_DIGITS.exec(raw);
  if (m === null) return null;
  return { sign: (m[1] ?? '') as DeltaSeconds['sign'], digits: m[2] ?? '' };
}

/**
 * The number of seconds the server sent, for display: null when absent, not digits, or longer
 * than 15 digits (beyond exact doubles).
 */
export function maxAgeSeconds(raw: string | null): number | null {
  const parsed = parseMaxAge(raw);
  if (parsed === null || parsed.digits.length > 15) return null;
  return Number(`${parsed.sign}${parsed.digits}`);
}
