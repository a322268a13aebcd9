import type { Recorder } from '../../shared/model/exchange.ts';
import { parseSetCookieLine, type ParsedSetCookie } from '../../shared/cookies/set-cookie.ts';

const FLAGS: readonly (readonly [string, (c: ParsedSetCookie) => boolean])[] = [
  ['Secure', (c) => c.secure],
  ['HttpOnly', (c) => c.httpOnly],
  ['Partitioned', (c) => c.partitioned],
];

/** What a cookie without a (valid) SameSite attribute is, in the browser that decided it. */
const NO_SAMESITE: Readonly<Record<Recorder, string>> = {
  chromium: 'none (Lax by default in Chromium)',
  firefox: 'none (Firefox has no Lax-by-default: sent cross-site)',
  unknown: 'none (Lax in Chromium; Firefox sends it cross-site)',
};

/** A Set-Cookie line's SameSite (or what its absence means per browser) and flags, as tags. */
export function CookieFlags({ line, recorder }: { line: string; recorder: Recorder }) {
  const parsed = parseSetCookieLine(line);
  if (!parsed.ok) return null;
  const c = parsed.cookie;
  return (
    <>
      {c.sameSite === 'Unspecified' ? <span class="muted">SameSite {NO_SAMESITE[recorder]}</span> : <code>SameSite={c.sameSite}</code>}{' '}
      {FLAGS.filter(([, has]) => has(c)).map(([f]) => (
        <span key={f} class="tag">
          {f}
        </span>
      ))}
    </>
  );
}
