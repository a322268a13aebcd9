import { cookieAttribute, type SetCookie } from '../../shared/cookies/parse.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { exchangeCookies } from '../state/cookies.ts';
import { CookieFlags } from './CookieFlags.tsx';
import './CookiesTab.css';

function lifetime(cookie: SetCookie): string {
  const maxAge = cookieAttribute(cookie, 'Max-Age');
  if (maxAge != null) return `Max-Age ${maxAge}`;
  return cookieAttribute(cookie, 'Expires') ?? 'Session';
}

/** Cookie and Set-Cookie headers of the exchange, parsed into tables. */
export function CookiesTab({ record }: { record: ExchangeRecord }) {
  const { sent, received } = exchangeCookies(record.exchange);
  if (sent.length === 0 && received.length === 0) {
    return (
      <div class="empty-inline" data-testid="cookies-tab">
        <p>No cookies were sent or set by this exchange.</p>
        <p class="muted">
          Credentials mode: <code>{record.exchange.credentialsMode ?? 'unknown'}</code>. A cross-origin request carries cookies only with
          <code> credentials: "include"</code> (or <code>withCredentials</code>), and the response must then send{' '}
          <code>Access-Control-Allow-Credentials: true</code>.
        </p>
      </div>
    );
  }
  return (
    <div class="cookies-tab" data-testid="cookies-tab">
      <table class="data-table">
        <caption>Request cookies ({sent.length})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Sent with</th>
          </tr>
        </thead>
        <tbody>
          {sent.length === 0 && (
            <tr>
              <td colSpan={3} class="muted">
                (none)
              </td>
            </tr>
          )}
          {sent.map((c, i) => (
            <tr key={i}>
              <td>
                <code>{c.name === '' ? '(no name)' : c.name}</code>
              </td>
              <td class="value">{c.value}</td>
              <td class="url">{c.sentWith}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="data-table">
        <caption>Response cookies — Set-Cookie ({received.length})</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
            <th scope="col">Domain</th>
            <th scope="col">Path</th>
            <th scope="col">Expires / Max-Age</th>
            <th scope="col">SameSite</th>
            <th scope="col">Flags</th>
            <th scope="col">Set by</th>
          </tr>
        </thead>
        <tbody>
          {received.length === 0 && (
            <tr>
              <td colSpan={8} class="muted">
                (none)
              </td>
            </tr>
          )}
          {received.map(({ cookie, setBy }, i) => (
            <tr key={i} title={cookie.raw}>
              <td>
                <code>{cookie.name === '' ? '(no name)' : cookie.name}</code>
              </td>
              <td class="value">{cookie.value}</td>
              <td>{cookieAttribute(cookie, 'Domain') ?? ''}</td>
              <td>{cookieAttribute(cookie, 'Path') ?? ''}</td>
              <td>{lifetime(cookie)}</td>
              <td>{cookieAttribute(cookie, 'SameSite') ?? <span class="muted">(default Lax)</span>}</td>
              <td class="flags">
                <CookieFlags cookie={cookie} />
              </td>
              <td class="url">{setBy}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
