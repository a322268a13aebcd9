/**
 * Cookie lessons on the jar's caps: how many cookies one site may hold, and which ones a browser
 * evicts when a response sets more. Each lesson sets 200 cookies on one host (the page's own
 * site, `localhost:<apiPort>`), then a request shows which ones are left (its `Cookie` header,
 * CDP's `associatedCookies`, the jar). The verdicts are in src/shared/cookies/VERIFIED.md
 * ("The jar's caps") and test/e2e/differential-cookie-caps.test.ts checks the engine against
 * them.
 *
 * They are served with the other lessons but probed apart (a fresh browser per lesson): a lesson
 * fills the host's quota, so it would evict the other lessons' cookies of the same host.
 */
import { lesson, PATH, sends, sets } from './scenarios-cookies.ts';
import type { Scenario } from './types.ts';

/** How many cookies each lesson sets: past both browsers' per-site cap. */
export const CAP_LESSON_COOKIES = 200;

/** The cookies' indices as ranges (`c007_<run>` → 7; `0-99, 131-199`): how the lessons' outcomes are written down. */
export function capIndexRanges(names: readonly string[]): string {
  const ix = names.map((n) => Number(/^c(\d+)_/.exec(n)?.[1] ?? NaN)).filter((i) => !Number.isNaN(i)).sort((a, b) => a - b);
  const out: string[] = [];
  for (let k = 0; k < ix.length; k++) {
    const start = ix[k];
    while (k + 1 < ix.length && ix[k + 1] === (ix[k] ?? 0) + 1) k++;
    out.push(start === ix[k] ? `${start}` : `${start}-${ix[k]}`);
  }
  return out.join(', ');
}

const names = (count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => `c${String(from + i).padStart(3, '0')}_{run}`);

export const cookieCapScenarios: readonly Scenario[] = [
  lesson('cookie-cap-one-response', 'One response sets 200 cookies on one site',
    'A browser keeps only so many cookies per site: past the cap it evicts the least recently used ones, so a long Set-Cookie list loses its first cookies.',
    [sets('same-site', names(CAP_LESSON_COOKIES).map((n) => `${n}=1; ${PATH}`)), sends('same-site', 'Only the last cookies set are sent.')]),
  lesson('cookie-cap-one-per-response', '200 responses set one cookie each on one site',
    'The cap holds across responses: each new cookie past it evicts the oldest ones, so the first cookies a site set disappear.',
    [...names(CAP_LESSON_COOKIES).map((n) => sets('same-site', [`${n}=1; ${PATH}`])), sends('same-site', 'Only the last cookies set are sent.')]),
  lesson('cookie-cap-secure-first', '100 Secure cookies, then 100 others, on one site',
    'Chromium evicts cookies that are not Secure before Secure ones, whatever their age; Firefox evicts by age alone.',
    [sets('same-site', [...names(CAP_LESSON_COOKIES / 2).map((n) => `${n}=1; ${PATH}; Secure`), ...names(CAP_LESSON_COOKIES / 2, CAP_LESSON_COOKIES / 2).map((n) => `${n}=1; ${PATH}`)]),
      sends('same-site', 'Non-secure cookies are evicted first.')]),
  lesson('cookie-cap-secure-majority', '170 Secure cookies, then 30 others, on one site',
    'When a site\'s cookies are mostly Secure, the few others go first, and then Secure ones by age.',
    [sets('same-site', [...names(170).map((n) => `${n}=1; ${PATH}; Secure`), ...names(30, 170).map((n) => `${n}=1; ${PATH}`)]),
      sends('same-site', 'Depends on the browser: see src/shared/cookies/VERIFIED.md.')]),
  lesson('cookie-cap-secure-full', '180 Secure cookies, then 20 others, on one site',
    'A site whose cookies are all Secure: a cookie that is not Secure cannot make room by evicting them.',
    [sets('same-site', [...names(180).map((n) => `${n}=1; ${PATH}; Secure`), ...names(20, 180).map((n) => `${n}=1; ${PATH}`)]),
      sends('same-site', 'Depends on the browser: see src/shared/cookies/VERIFIED.md.')]),
  lesson('cookie-cap-priority', '100 cookies with Priority=High, then 100 without, on one site',
    'Chromium reads the non-standard Priority attribute and evicts low and medium priority cookies first; Firefox ignores it.',
    [sets('same-site', [...names(CAP_LESSON_COOKIES / 2).map((n) => `${n}=1; ${PATH}; Priority=High`), ...names(CAP_LESSON_COOKIES / 2, CAP_LESSON_COOKIES / 2).map((n) => `${n}=1; ${PATH}`)]),
      sends('same-site', 'Depends on the browser: see src/shared/cookies/VERIFIED.md.')]),
];
