/** The Cookies tab's two tables: cookies considered for the request, and Set-Cookie lines. */
import { COOKIE_RULES, fixedAttributes, type CookieReasonCode } from '../../shared/cookies/explain.ts';
import type { ExchangeCookies, RequestCookieRow, ResponseCookieRow } from '../../shared/cookies/jar.ts';
import { attributesOf } from '../../shared/cookies/set-cookie.ts';
import type { Recorder } from '../../shared/model/exchange.ts';
import { CookieFlags } from './CookieFlags.tsx';

const shownName = (name: string): string => (name === '' ? '(no name)' : name);
const time = (ms: number): string => (Number.isFinite(ms) && ms > 0 ? new Date(ms).toLocaleTimeString() : '');

/** Every reason and note of a row, each with its rule. */
function Why({ codes }: { codes: readonly CookieReasonCode[] }) {
  if (codes.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="cookie-why">
      {codes.map((code) => (
        <li key={code}>
          {COOKIE_RULES[code].rule} <code class="reason">{code}</code>
        </li>
      ))}
    </ul>
  );
}

/** The Set-Cookie attributes that fix the row, and what else to do. */
function Fix({ line, codes }: { line: string | null; codes: readonly CookieReasonCode[] }) {
  const attrs = line === null ? null : fixedAttributes(line, codes);
  const notes = [...new Set(codes.map((c) => COOKIE_RULES[c].fix?.note).filter((n): n is string => n !== undefined))];
  if (attrs === null && notes.length === 0) return <span class="muted">—</span>;
  return (
    <div class="cookie-fix">
      {attrs !== null && <code data-testid="cookie-fix">Set-Cookie: name=…; {attrs.join('; ')}</code>}
      {notes.map((n) => (
        <div key={n} class="muted">
          {n}
        </div>
      ))}
    </div>
  );
}

const codesOf = (r: RequestCookieRow | ResponseCookieRow): CookieReasonCode[] => [...r.blockedReasons, ...r.firefoxReasons, ...r.notes];

/** Marks a decision the browser's own jar confirmed (the `cookies` API; provenance `browser-jar`). */
function JarMark({ row }: { row: RequestCookieRow | ResponseCookieRow }) {
  if (row.provenance !== 'browser-jar') return null;
  return (
    <div class="muted" data-testid="cookie-jar-mark">
      the browser's jar says so
    </div>
  );
}

function RequestRow({ row, recorder }: { row: RequestCookieRow; recorder: Recorder }) {
  const codes = codesOf(row);
  const line = row.setBy?.line ?? null;
  return (
    <tr class={row.sent ? '' : 'cookie-problem'} data-testid="cookie-request-row">
      <td>
        <code>{shownName(row.name)}</code>
      </td>
      <td class={row.sent ? 'ok' : 'bad'}>
        {row.sent ? 'sent' : 'withheld'}
        <JarMark row={row} />
      </td>
      <td>
        <Why codes={codes} />
      </td>
      <td>{row.sent ? <span class="muted">—</span> : <Fix line={line} codes={codes} />}</td>
      <td class="url">
        {row.setBy === null ? (
          <span class="muted">{row.provenance === 'browser-jar' ? 'not by a recorded response (attributes from the browser\'s jar)' : 'before the recording (attributes unknown)'}</span>
        ) : (
          <>
            {time(row.setBy.at)} by {row.setBy.url}
            <div>
              <CookieFlags line={row.setBy.line} recorder={recorder} />
            </div>
          </>
        )}
      </td>
    </tr>
  );
}

function ResponseRow({ row, recorder }: { row: ResponseCookieRow; recorder: Recorder }) {
  const codes = codesOf(row);
  const attributes = attributesOf(row.line);
  return (
    <tr class={row.stored ? '' : 'cookie-problem'} data-testid="cookie-response-row">
      <td>
        <code>{shownName(row.name)}</code>
      </td>
      <td class={row.stored ? 'ok' : 'bad'}>
        {row.stored ? 'stored' : 'not stored'}
        <JarMark row={row} />
      </td>
      <td>
        <code class="value">{attributes.join('; ')}</code>
        <div>
          <CookieFlags line={row.line} recorder={recorder} />
        </div>
      </td>
      <td>
        <Why codes={codes} />
      </td>
      <td>{codes.length === 0 ? <span class="muted">—</span> : <Fix line={row.line} codes={codes} />}</td>
    </tr>
  );
}

/** The row a table shows when it has none. */
function EmptyRow({ text }: { text: string }) {
  return (
    <tr>
      <td colSpan={5} class="muted">
        {text}
      </td>
    </tr>
  );
}

export function CookieTables({ rows, recorder, caption }: { rows: ExchangeCookies; recorder: Recorder; caption: string }) {
  return (
    <>
      <table class="data-table">
        <caption>
          {caption}: cookies for the request ({rows.request.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Decision</th>
            <th scope="col">Rule</th>
            <th scope="col">Fix</th>
            <th scope="col">Set by</th>
          </tr>
        </thead>
        <tbody>
          {rows.request.length === 0 && <EmptyRow text="(none considered)" />}
          {rows.request.map((row, i) => (
            <RequestRow key={i} row={row} recorder={recorder} />
          ))}
        </tbody>
      </table>
      <table class="data-table">
        <caption>
          {caption}: Set-Cookie lines of the response ({rows.response.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Decision</th>
            <th scope="col">Attributes</th>
            <th scope="col">Rule</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {rows.response.length === 0 && <EmptyRow text="(none)" />}
          {rows.response.map((row, i) => (
            <ResponseRow key={i} row={row} recorder={recorder} />
          ))}
        </tbody>
      </table>
    </>
  );
}
