/**
 * The Cookies tab: a diagnosis of the exchange's cookies from the jar simulated over the shown
 * log — per cookie sent or withheld, stored or refused, the rule, the `Set-Cookie` attributes
 * that fix it — and the CORS side of credentials. Names and attributes only, never values.
 */
import { usePanelState } from '../app/context.ts';
import type { CaptureExchangeCookies, CookieSetting } from '../../shared/cookies/capture.ts';
import { proofInWords, withheldInWords } from '../../shared/cookies/evidence.ts';
import type { Check } from '../../shared/cors/verdict.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { logCookies, recorderOfLog, shownCookieSetting } from '../state/cookies.ts';
import { shownLog } from '../state/store.ts';
import { CookieTables } from './CookieRows.tsx';
import './CookiesTab.css';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function settingInWords(s: CookieSetting): string {
  if (s.browser === 'firefox') {
    const how = s.provenance === 'observed' ? ' (read from privacy.websites.cookieConfig)' : ' (its default, Total Cookie Protection: the recording does not say)';
    return `Firefox, network.cookie.cookieBehavior ${s.cookieBehavior}${how}`;
  }
  if (s.thirdPartyCookies === null) return 'Chromium; whether third-party cookies are blocked is unknown (no cookie in the recording tells): rows assume blocked, the default';
  const how = s.provenance === 'observed' ? 'read from privacy.websites.thirdPartyCookiesAllowed' : `inferred from ${plural(s.evidence.length, 'cross-site cookie')} sent or not`;
  return `Chromium, third-party cookies ${s.thirdPartyCookies} (${how})`;
}

/** The CORS checks credentials depend on: Allow-Credentials and an exact Allow-Origin, preflight and response. */
const credentialRows = (checks: readonly Check[]): Check[] => checks.filter((c) => /\.(allow-credentials|allow-origin)$/.test(c.id));

/**
 * The cookies a response blocked by CORS stored anyway: CORS keeps the response from the page,
 * not its `Set-Cookie` from the jar (src/shared/cookies/VERIFIED.md, `cookie-cors-blocked-sets`).
 */
function storedDespiteCors(record: ExchangeRecord, rows: CaptureExchangeCookies | undefined): string[] {
  if (record.verdict.outcome !== 'blocked' || rows === undefined) return [];
  return rows.response.filter((r) => r.stored).map((r) => r.name);
}

/** What the jar says about the credentials mode, when the verdict was made without it (the live log). */
function JarEvidence({ record, rows }: { record: ExchangeRecord; rows: CaptureExchangeCookies | undefined }) {
  if (rows === undefined || record.exchange.cookieEvidence !== undefined) return null;
  const evidence = rows.credentials;
  const words = evidence.proof !== null ? proofInWords(evidence.proof) : withheldInWords(evidence);
  return words === null ? null : <p data-testid="cookie-jar-evidence">The cookie jar: {words}.</p>;
}

export function CookiesTab({ record }: { record: ExchangeRecord }) {
  const records = usePanelState((s) => shownLog(s).records);
  const setting = usePanelState(shownCookieSetting);
  const cookies = logCookies(records, setting);
  const rows = cookies.byExchange.get(record.id);
  const recorder = recorderOfLog(records);
  const credentialCheck = record.verdict.checks.find((c) => c.id === 'request.credentials');
  const cors = credentialRows(record.verdict.checks);
  const despite = storedDespiteCors(record, rows);
  return (
    <div class="cookies-tab" data-testid="cookies-tab">
      <p class="muted" data-testid="cookie-setting">
        {settingInWords(cookies.setting)}.
      </p>
      {despite.length > 0 && (
        <p class="cookie-cors-blocked" data-testid="cookie-cors-blocked">
          <strong>Blocked by CORS, yet the browser stored {despite.length === 1 ? 'cookie' : 'cookies'} </strong>
          {despite.map((name, i) => (
            <span key={i}>
              {i > 0 && ', '}
              <code>{name === '' ? '(no name)' : name}</code>
            </span>
          ))}
          . CORS only keeps the response from the page; the request reached the server and its <code>Set-Cookie</code> lines went into the
          cookie jar, so later credentialed requests carry them.
        </p>
      )}
      {credentialCheck && (
        <p data-testid="cookie-credentials">
          Credentials mode: <strong>{credentialCheck.observed}</strong>
          {credentialCheck.status === 'unknown' ? ' (unknown, evaluated so)' : ''} — {credentialCheck.detail}
        </p>
      )}
      <JarEvidence record={record} rows={rows} />
      {rows && <CookieTables rows={rows} recorder={recorder} caption="Decided" />}
      {rows?.otherReading && <CookieTables rows={rows.otherReading} recorder={recorder} caption="If third-party cookies are allowed" />}
      <section class="cookie-cors" data-testid="cookie-cors">
        <h4>The CORS side of cookies</h4>
        <p>
          A cross-origin request carries cookies only with <code>credentials: "include"</code> (<code>withCredentials</code>), and the page
          may read the response only when the preflight and the response both send <code>Access-Control-Allow-Credentials: true</code> and{' '}
          <code>Access-Control-Allow-Origin</code> naming the page's exact origin (never <code>*</code>).
        </p>
        {cors.length > 0 && (
          <ul>
            {cors.map((c) => (
              <li key={c.id} class={c.status === 'fail' ? 'bad' : ''}>
                <code>{c.id}</code>: {c.status} — {c.detail}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
