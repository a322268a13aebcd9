/**
 * Cookie lessons: what the browser stores from each `Set-Cookie` line and what it sends back, and
 * why. Part of the lab's table (lab/scenarios.ts spreads them in); the truth for each lesson is
 * what the browser did (CDP `blockedCookies` / `associatedCookies` and the cookie jar in
 * Chromium, the console and the jar in Firefox), recorded in src/shared/cookies/VERIFIED.md and
 * checked by test/e2e/differential-cookies.test.ts in both third-party-cookie worlds.
 *
 * Every cookie name carries `{run}` and every path `/s/{scenario}/`, so runs never see each other's
 * cookies. The page is `http://localhost:<pagePort>`: `same-site` targets (`localhost:<apiPort>`)
 * are same-site, `cross-site` targets (`127.0.0.1:<apiPort>`) are cross-site, so their cookies
 * are third-party cookies.
 */
import { H, ok, step } from './scenario-kit.ts';
import type { HeaderLine, Scenario, Step, StepHypothesis, TargetKind } from './types.ts';

export const PATH = 'Path=/s/{scenario}/';
const THIRD_PARTY_NOTE = 'Depends on the third-party-cookie setting: see src/shared/cookies/VERIFIED.md.';

/** A credentialed fetch whose answer passes CORS and carries these `Set-Cookie` lines. */
export function sets(target: TargetKind, lines: readonly string[], more: Partial<Step> = {}): Step {
  const headers: HeaderLine[] = [H.acaoOrigin, H.acacTrue, H.varyOrigin, ...lines.map((l) => H.setCookie(l))];
  return step(target, ok(...headers), { credentials: 'include', hypothesis: { ok: true }, ...more });
}

/** A credentialed fetch that passes CORS: the echo body says which cookies it carried. */
export function sends(target: TargetKind, note: string, more: Partial<Step> = {}): Step {
  const hypothesis: StepHypothesis = { ok: true, note };
  return step(target, ok(H.acaoOrigin, H.acacTrue, H.varyOrigin), { credentials: 'include', hypothesis, ...more });
}

export function lesson(id: string, title: string, teaches: string, steps: Step[]): Scenario {
  return { id, title, teaches, category: 'cookies', steps };
}

export const cookieScenarios: readonly Scenario[] = [
  lesson('cookie-set-lax-cross-site', 'Set-Cookie SameSite=Lax from a cross-site API',
    'A cross-site fetch may not set a SameSite=Lax or Strict cookie: the response is a cross-site context, so the browser refuses to store it.',
    [sets('cross-site', [`lab_{run}=1; ${PATH}; SameSite=Lax`]), sends('cross-site', 'Nothing to send: the cookie was never stored.')]),
  lesson('cookie-set-strict-cross-site', 'Set-Cookie SameSite=Strict from a cross-site API',
    'SameSite=Strict is refused from a cross-site response just like Lax: use SameSite=None; Secure for a cookie an API on another site sets.',
    [sets('cross-site', [`lab_{run}=1; ${PATH}; SameSite=Strict`]), sends('cross-site', 'Nothing to send: the cookie was never stored.')]),
  lesson('cookie-strict-same-site', 'SameSite=Strict between two ports of localhost',
    'Sites ignore ports: localhost:8310 and localhost:8311 are the same site, so even a Strict cookie is stored and sent between them.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=Strict`]), sends('same-site', 'Sent.')]),
  lesson('cookie-partitioned', 'Set-Cookie SameSite=None; Secure; Partitioned (CHIPS) from a cross-site API',
    'A Partitioned cookie is kept in a jar of its own for this top-level site, so browsers that block third-party cookies still store and send it, but only under this site.',
    [sets('cross-site', [`lab_{run}=1; ${PATH}; SameSite=None; Secure; Partitioned`]), sends('cross-site', 'Sent from the partition of the page\'s site.')]),
  lesson('cookie-partitioned-insecure', 'Set-Cookie Partitioned without Secure',
    'Partitioned requires Secure; without it the attribute cannot save a third-party cookie.',
    [sets('cross-site', [`lab_{run}=1; ${PATH}; SameSite=None; Partitioned`]), sends('cross-site', THIRD_PARTY_NOTE)]),
  lesson('cookie-none-insecure-same-site', 'Set-Cookie SameSite=None without Secure, same-site',
    'SameSite=None needs Secure everywhere, not only cross-site: even the page\'s own site cannot set such a cookie.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=None`]), sends('same-site', 'Nothing to send: the cookie was refused.')]),
  lesson('cookie-partitioned-same-site', 'A Partitioned cookie set by the page\'s own site',
    'Partitioned also works first-party: the cookie lives in the partition of the top-level site and is sent to it as usual.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=None; Secure; Partitioned`]), sends('same-site', 'Sent.')]),
  lesson('cookie-domain-foreign', 'Set-Cookie Domain=example.com from localhost',
    'A server may only set a cookie for its own host or a parent domain of it; any other Domain attribute makes the browser drop the cookie.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=Lax; Domain=example.com`]), sends('same-site', 'Nothing to send: the cookie was refused.')]),
  lesson('cookie-domain-localhost', 'Set-Cookie Domain=localhost from localhost',
    'Domain=localhost names the host itself, so the cookie is stored (as a domain cookie) and sent to every port of localhost.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=Lax; Domain=localhost`]), sends('same-site', 'Sent.')]),
  lesson('cookie-domain-ip', 'Set-Cookie Domain=127.0.0.1 from 127.0.0.1',
    'An IP address has no parent domains: Domain equal to the IP is allowed (the cookie stays host-only), any other Domain is refused.',
    [sets('cross-site', [`lab_{run}=1; ${PATH}; SameSite=None; Secure; Domain=127.0.0.1`, `other_{run}=1; ${PATH}; SameSite=None; Secure; Domain=0.0.1`]),
      sends('cross-site', THIRD_PARTY_NOTE)]),
  lesson('cookie-prefix-host', 'Cookie name prefix __Host-',
    'A __Host- cookie must be Secure, have Path=/ and no Domain attribute; a line that breaks any of these is dropped whole.',
    [sets('same-site', [
      '__Host-ok_{run}=1; Secure; Path=/; SameSite=Lax',
      `__Host-path_{run}=1; Secure; ${PATH}; SameSite=Lax`,
      '__Host-insecure_{run}=1; Path=/; SameSite=Lax',
      '__Host-domain_{run}=1; Secure; Path=/; Domain=localhost; SameSite=Lax',
    ]), sends('same-site', 'Only __Host-ok_… is sent.')]),
  lesson('cookie-prefix-secure', 'Cookie name prefix __Secure-',
    'A __Secure- cookie must carry the Secure attribute; browsers match the prefix without regard to case.',
    [sets('same-site', [
      `__Secure-ok_{run}=1; Secure; ${PATH}; SameSite=Lax`,
      `__Secure-insecure_{run}=1; ${PATH}; SameSite=Lax`,
      `__secure-lower_{run}=1; ${PATH}; SameSite=Lax`,
    ]), sends('same-site', 'Only __Secure-ok_… is sent.')]),
  lesson('cookie-secure-loopback', 'A Secure cookie over http://localhost',
    'Secure cookies need a secure origin, and loopback (http://localhost, http://127.0.0.1) counts as one: the cookie is stored and sent over plain http.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=Lax; Secure`]), sends('same-site', 'Sent.')]),
  lesson('cookie-syntax', 'Odd Set-Cookie lines: no "=", an invalid SameSite, an oversized cookie, no content',
    'Browsers store a line without "=" as a cookie with an empty name, read an unknown SameSite value as no SameSite, and drop a cookie whose name and value exceed 4096 bytes.',
    [sets('same-site', [
      `nameless_{run}; ${PATH}`,
      `samesite_{run}=1; ${PATH}; SameSite=Sometimes`,
      `big_{run}=${'x'.repeat(4100)}; ${PATH}`,
      `; ${PATH}`,
      `spaced_{run} = padded value ; ${PATH}`,
    ]), sends('same-site', 'The nameless, samesite and spaced cookies are sent.')]),
  lesson('cookie-expired', 'Set-Cookie with Max-Age=0 deletes the cookie',
    'A cookie whose expiry date has passed is not stored; setting Max-Age=0 (or a past Expires) is how a server deletes a cookie it set before.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=Lax`, `old_{run}=1; ${PATH}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`]),
      sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=Lax; Max-Age=0`]),
      sends('same-site', 'Nothing to send: both cookies are gone.')]),
  lesson('cookie-credentials-omit-set', 'Set-Cookie on a response to credentials: "omit"',
    'Without credentials the browser ignores Set-Cookie altogether: a login call made without credentials: "include" never logs the user in.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=Lax`], { credentials: 'omit' }), sends('same-site', 'Nothing to send: the cookie was ignored.')]),
  lesson('cookie-credentials-same-origin-set', 'Set-Cookie with the default credentials mode ("same-origin")',
    'fetch()\'s default credentials mode stores cookies only from the page\'s own origin; another port of the same site is another origin, so its cookies are ignored. The page\'s own cookie is sent to the other port: cookies ignore ports.',
    [sets('same-site', [`api_{run}=1; ${PATH}; SameSite=Lax`], { credentials: 'same-origin' }),
      sets('same-origin', [`page_{run}=1; ${PATH}; SameSite=Lax`], { credentials: 'same-origin' }),
      sends('same-site', 'page_… is sent, api_… is not.')]),
  lesson('cookie-cors-blocked-sets', 'A response blocked by CORS still sets its cookie',
    'CORS only hides the response from the page; the browser has already stored its cookies. A login that "fails with a CORS error" may well have logged the user in.',
    [step('same-site', ok(H.acaoOrigin, H.setCookie(`lab_{run}=1; ${PATH}; SameSite=Lax`)), {
      credentials: 'include',
      hypothesis: { ok: false, chromium: 'InvalidAllowCredentials', firefox: 'CORSMissingAllowCredentials', note: 'Blocked by CORS, cookie stored.' },
    }), sends('same-site', 'Sent: the cookie of the blocked response.')]),
  lesson('cookie-cors-blocked-sets-cross-site', 'A cross-site response blocked by CORS still sets its third-party cookie',
    'The same for a third-party cookie: whether it is stored depends on SameSite and the third-party-cookie setting, never on CORS.',
    [step('cross-site', ok(H.acaoOrigin, H.setCookie(`lab_{run}=1; ${PATH}; SameSite=None; Secure`)), {
      credentials: 'include',
      hypothesis: { ok: false, chromium: 'InvalidAllowCredentials', firefox: 'CORSMissingAllowCredentials', note: THIRD_PARTY_NOTE },
    }), sends('cross-site', THIRD_PARTY_NOTE)]),
  lesson('cookie-path-mismatch', 'A cookie whose Path does not cover the request',
    'A cookie is only sent to URLs under its Path: set with Path=/s/…/0/, it stays home when the page calls /s/…/1/.',
    [sets('same-site', [`lab_{run}=1; Path=/s/{scenario}/0/; SameSite=Lax`]), sends('same-site', 'Not sent: not on path.')]),
  lesson('cookie-samesite-from-cross-site-frame', 'SameSite cookies of localhost, requested from an embedded cross-site frame',
    'SameSite looks at every frame up to the top: a request from a 127.0.0.1 widget embedded in a localhost page is cross-site, so Lax, Strict and default cookies of localhost stay home; only SameSite=None; Secure may go, if third-party cookies are allowed.',
    [sets('same-site', [
      `lax_{run}=1; ${PATH}; SameSite=Lax`,
      `strict_{run}=1; ${PATH}; SameSite=Strict`,
      `default_{run}=1; ${PATH}`,
      `none_{run}=1; ${PATH}; SameSite=None; Secure`,
    ]), sends('same-site', 'From the cross-site frame: Lax, Strict and default withheld.', { frame: 'cross-site' })]),
  lesson('cookie-partitioned-from-frame', 'A Partitioned cookie set by a cross-site frame',
    'A Partitioned cookie set in an embedded cross-site frame lives in a partition for the top-level site and the cross-site frame chain; the top page does not see it.',
    [sets('same-site', [`lab_{run}=1; ${PATH}; SameSite=None; Secure; Partitioned`], { frame: 'cross-site' }),
      sends('same-site', 'From the frame: sent.', { frame: 'cross-site' }),
      sends('same-site', 'From the page: not in this partition.')]),
];
