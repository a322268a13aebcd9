/**
 * Which third-party-cookie setting a Chromium recording was made with, inferred from the evidence
 * in it: a cookie the rules say only one setting sends (a cross-site `SameSite=None; Secure`
 * cookie: sent when third-party cookies are allowed, withheld as `UserPreferences` when they are
 * blocked) either shows up in the recorded `Cookie` header or does not. A HAR never states the
 * setting, so the answer is always inferred, with its evidence; without evidence both readings
 * stand (`setting: null`).
 */
import { CookieJarSimulation, type CookieExchange } from './jar.ts';
import { parseCookieHeader } from './parse.ts';

export type ThirdPartyCookies = 'blocked' | 'allowed';

/** One request whose recorded `Cookie` header tells the settings apart. */
export interface WorldEvidence {
  /** Index of the exchange in the recording. */
  readonly exchange: number;
  readonly cookie: string;
  /** Whether the recording shows it sent. */
  readonly sent: boolean;
  /** The setting under which the rules predict what the recording shows. */
  readonly fits: ThirdPartyCookies;
}

export interface WorldInference {
  /** The setting the evidence fits; null when there is none, or it fits both or neither. */
  readonly setting: ThirdPartyCookies | null;
  readonly evidence: readonly WorldEvidence[];
}

/**
 * The predicted sent flag of every cookie row of an exchange with a recorded `Cookie` header (the
 * others say nothing), keyed `exchange|name`; each exchange's rows are dropped once read.
 */
function predictions(exchanges: readonly CookieExchange[], setting: ThirdPartyCookies): Map<string, boolean> {
  const jar = new CookieJarSimulation({ browser: 'chromium', thirdPartyCookies: setting });
  const out = new Map<string, boolean>();
  exchanges.forEach((x, i) => {
    const rows = jar.exchange({ request: x.request, setCookieLines: x.setCookieLines });
    if (x.cookieHeader === undefined) return;
    for (const r of rows.request) out.set(`${i}|${r.name}`, r.sent);
  });
  return out;
}

/**
 * Compares the recording's `Cookie` headers with what each setting predicts, on the cookies where
 * the two settings disagree. Exchanges without a recorded `Cookie` header (undefined) say nothing.
 */
export function inferThirdPartyCookies(exchanges: readonly CookieExchange[]): WorldInference {
  const blocked = predictions(exchanges, 'blocked');
  const allowed = predictions(exchanges, 'allowed');
  const evidence: WorldEvidence[] = [];
  for (const [key, allowedSent] of allowed) {
    const blockedSent = blocked.get(key) ?? false;
    if (allowedSent === blockedSent) continue;
    const [index, ...rest] = key.split('|');
    const exchange = Number(index);
    const header = exchanges[exchange]?.cookieHeader;
    if (header === undefined) continue;
    const cookie = rest.join('|');
    const sent = parseCookieHeader(header ?? '').some((c) => c.name === cookie);
    evidence.push({ exchange, cookie, sent, fits: sent === allowedSent ? 'allowed' : 'blocked' });
  }
  const fits = new Set(evidence.map((e) => e.fits));
  const setting = fits.size === 1 ? (evidence[0]?.fits ?? null) : null;
  return { setting, evidence };
}
