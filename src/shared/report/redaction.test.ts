/**
 * With redaction on (the default), no secret survives in any format: JSON, text, Markdown, HTML,
 * and the curl commands inside them. The same report with redaction off does contain each one,
 * so the test cannot pass by dropping data.
 */
import { describe, expect, it } from 'vitest';
import { Redaction } from '../handoff/redact.ts';
import { analyzeHar } from './analyze-har.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderMarkdown } from './markdown.ts';
import { renderText } from './text.ts';
import type { Report } from './types.ts';

const SECRETS = {
  bearer: 'eyJhbGciOiJIUzI1NiJ9.payload.sig-AAAA',
  cookie: 'cookie-session-0123456789',
  setCookie: 'set-cookie-value-9876543210',
  apiKey: 'api-key-ZZZZ-1234',
  queryToken: 'query-token-5555+6666',
  locationCode: 'oauth-code-7777',
  refererToken: 'referer-token-8888',
  password: 'hunter2-password',
  jsonToken: 'json-token-4444',
  userinfo: 'userinfo-pass-3333',
  proxyAuth: 'proxy-basic-2222',
};

const PAGE = 'http://localhost:8310';
const API = `http://127.0.0.1:8311/api?access_token=${encodeURIComponent(SECRETS.queryToken)}&page=2`;
const FINAL = `http://127.0.0.1:8312/cb?code=${SECRETS.locationCode}`;

const header = (name: string, value: string) => ({ name, value });
const entry = (request: object, response: object, extra: object = {}) => ({
  startedDateTime: '2026-11-20T10:00:00.000Z',
  time: 1,
  timings: { send: 0, wait: 1, receive: 0 },
  _resourceType: 'fetch',
  request: { httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: 0, ...request },
  response: { httpVersion: 'HTTP/1.1', statusText: '', cookies: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0, ...response },
  ...extra,
});

const har = {
  log: {
    version: '1.2',
    creator: { name: 'WebInspector', version: '537.36' },
    pages: [{ id: 'page_1', title: `${PAGE}/` }],
    entries: [
      entry(
        {
          method: 'POST',
          url: API,
          headers: [
            header('Origin', PAGE),
            header('Authorization', `Bearer ${SECRETS.bearer}`),
            header('Proxy-Authorization', `Basic ${SECRETS.proxyAuth}`),
            header('Cookie', `sid=${SECRETS.cookie}; theme=dark`),
            header('X-Api-Key', SECRETS.apiKey),
            header('Referer', `${PAGE}/app?token=${SECRETS.refererToken}`),
            header('Content-Type', 'application/x-www-form-urlencoded'),
            header('Sec-Fetch-Mode', 'cors'),
          ],
          postData: { mimeType: 'application/x-www-form-urlencoded', text: `user=bob&password=${SECRETS.password}` },
        },
        {
          status: 302,
          headers: [header('Location', FINAL), header('Set-Cookie', `sid=${SECRETS.setCookie}; Path=/; SameSite=None; Secure`), header('Access-Control-Allow-Origin', PAGE)],
          redirectURL: FINAL,
        },
      ),
      entry(
        { method: 'POST', url: FINAL, headers: [header('Origin', 'null'), header('Sec-Fetch-Mode', 'cors'), header('Content-Type', 'application/x-www-form-urlencoded')] },
        { status: 200, headers: [header('Access-Control-Allow-Origin', PAGE)] },
      ),
      entry(
        {
          method: 'PUT',
          url: `http://u:${SECRETS.userinfo}@127.0.0.1:8311/json`,
          headers: [header('Origin', PAGE), header('Content-Type', 'application/json'), header('Sec-Fetch-Mode', 'cors')],
          postData: { mimeType: 'application/json', text: JSON.stringify({ user: 'bob', auth: { token: SECRETS.jsonToken } }) },
        },
        { status: 0, headers: [], _error: 'net::ERR_FAILED' },
      ),
    ],
  },
};

function everyFormat(report: Report): { json: string; text: string; markdown: string; html: string } {
  return {
    json: renderJson(report),
    text: renderText(report, { server: 'express' }),
    markdown: renderMarkdown(report, { server: 'nginx' }),
    html: renderHtml(report),
  };
}

const forms = (secret: string): string[] => [secret, encodeURIComponent(secret)];

describe('redaction in every report format', () => {
  const at = new Date('2026-11-20T11:00:00.000Z');

  it('no secret survives with redaction on', () => {
    const redacted = everyFormat(analyzeHar(har, { generatedAt: at, redaction: new Redaction('salt') }));
    for (const [format, text] of Object.entries(redacted)) {
      for (const [name, secret] of Object.entries(SECRETS)) {
        for (const form of forms(secret)) expect(text.includes(form), `${name} (${form}) in ${format}`).toBe(false);
      }
      expect(text).toMatch(/REDACTED-\d+-[0-9a-f]{8}/);
    }
  });

  it('the default (no redaction given) redacts too', () => {
    const text = renderJson(analyzeHar(har, { generatedAt: at }));
    for (const secret of Object.values(SECRETS)) expect(text.includes(secret)).toBe(false);
    expect(JSON.parse(text)).toMatchObject({ redacted: true });
  });

  it('every secret is there without redaction (the test looks where they are)', () => {
    const plain = everyFormat(analyzeHar(har, { generatedAt: at, redaction: null }));
    for (const secret of Object.values(SECRETS)) {
      expect(plain.json.includes(secret) || plain.json.includes(encodeURIComponent(secret)), secret).toBe(true);
    }
  });
});
