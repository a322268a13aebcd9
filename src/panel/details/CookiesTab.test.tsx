import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { select, setCookieSetting } from '../state/actions.ts';
import { corsBlockedLogin, credentialedProfile } from '../testing/fixtures.ts';
import { renderPanel } from '../testing/render-panel.tsx';

afterEach(cleanup);

const LOG = (): ExchangeRecord[] => [corsBlockedLogin(), credentialedProfile()];
const inFirefox = (records: ExchangeRecord[]): ExchangeRecord[] => records.map((r) => ({ ...r, exchange: { ...r.exchange, recorder: 'firefox' } }));

function openCookies(id: string, records: ExchangeRecord[] = LOG(), setting?: unknown) {
  const rendered = renderPanel({ records });
  if (setting !== undefined) act(() => setCookieSetting(rendered.store, setting));
  act(() => select(rendered.store, id));
  fireEvent.click(screen.getByRole('tab', { name: 'Cookies' }));
  return rendered;
}

/** Each Set-Cookie row as [name, decision, reason codes]. */
function responseRows(): [string, string, string[]][] {
  return screen.getAllByTestId('cookie-response-row').map((row) => {
    const cells = within(row).getAllByRole('cell');
    const codes = [...row.querySelectorAll('code.reason')].map((c) => c.textContent ?? '');
    return [cells[0]?.textContent ?? '', cells[1]?.textContent ?? '', codes];
  });
}

describe('Cookies tab', () => {
  it('a response blocked by CORS that stored a cookie says so, with every Set-Cookie decision, its rule and fix', () => {
    openCookies('ex-login');
    expect(screen.getByTestId('cookie-setting').textContent).toContain('third-party cookies allowed (inferred from 1 cross-site cookie');
    expect(screen.getByTestId('cookie-cors-blocked').textContent).toMatch(/^Blocked by CORS, yet the browser stored cookie sid\./);
    expect(responseRows()).toEqual([
      ['sid', 'stored', []],
      ['pref', 'not stored', ['SchemefulSameSiteLax']],
      ['plain', 'not stored', ['SchemefulSameSiteUnspecifiedTreatedAsLax']],
    ]);
    const fixes = screen.getAllByTestId('cookie-fix').map((f) => f.textContent);
    expect(fixes).toEqual(['Set-Cookie: name=…; Path=/; SameSite=None; Secure', 'Set-Cookie: name=…; Path=/; SameSite=None; Secure']);
    const plain = screen.getAllByTestId('cookie-response-row')[2];
    expect(plain?.textContent).toContain('Lax by default in Chromium');
    expect(screen.getByTestId('cookie-cors').textContent).toContain('response.allow-credentials: fail');
  });

  it('a later request shows each cookie of the jar sent or withheld, with the response that set it', () => {
    openCookies('ex-profile');
    const rows = screen.getAllByTestId('cookie-request-row');
    expect(rows.map((r) => within(r).getAllByRole('cell').slice(0, 2).map((c) => c.textContent))).toEqual([['sid', 'sent']]);
    expect(rows[0]?.textContent).toContain('http://127.0.0.1:3000/api/login');
    expect(screen.queryByTestId('cookie-cors-blocked')).toBeNull();
  });

  it('the setting the browser API reported replaces the inference: blocked, the cross-site cookie is refused and nothing was stored', () => {
    openCookies('ex-login', LOG(), { browser: 'chromium', thirdPartyCookies: 'blocked' });
    expect(screen.getByTestId('cookie-setting').textContent).toBe('Chromium, third-party cookies blocked (read from privacy.websites.thirdPartyCookiesAllowed).');
    expect(responseRows()[0]).toEqual(['sid', 'not stored', ['UserPreferences']]);
    expect(screen.queryByTestId('cookie-cors-blocked')).toBeNull();
  });

  it('a setting read from another browser, or a malformed answer, is not applied', () => {
    openCookies('ex-login', LOG(), { browser: 'firefox', cookieBehavior: 1 });
    expect(screen.getByTestId('cookie-setting').textContent).toContain('(inferred from');
    cleanup();
    openCookies('ex-login', LOG(), { browser: 'chromium', thirdPartyCookies: 'maybe' });
    expect(screen.getByTestId('cookie-setting').textContent).toContain('(inferred from');
  });

  it('in Firefox a cookie without SameSite is not called Lax: Firefox has no Lax-by-default', () => {
    openCookies('ex-login', inFirefox(LOG()));
    expect(screen.getByTestId('cookie-setting').textContent).toContain('Firefox, network.cookie.cookieBehavior 5');
    const plain = screen.getAllByTestId('cookie-response-row').find((r) => r.textContent?.startsWith('plain'));
    expect(plain?.textContent).toContain('Firefox has no Lax-by-default');
    expect(plain?.textContent).not.toContain('Lax by default in Chromium');
    expect(screen.getByTestId('cookies-tab').textContent).not.toContain('default Lax');
  });

  it('the list badges the exchange with a cookie problem, and is:cookie-problem filters to it', () => {
    const { store } = renderPanel({ records: LOG() });
    const row = (id: string) => document.querySelector(`[data-id="${id}"]`);
    expect(row('ex-login')?.textContent).toContain('cookie');
    expect(row('ex-profile')?.querySelector('.badge-cookie-problem')).toBeNull();
    act(() => store.update((s) => ({ ...s, filterText: 'is:cookie-problem' })));
    expect(document.querySelector('[data-id="ex-profile"]')).toBeNull();
    expect(document.querySelector('[data-id="ex-login"]')).not.toBeNull();
  });
});
