import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../model/exchange.ts';
import { BodyStash, MAX_BODY_BYTES, readRequestBody } from './request-body.ts';
import { CaptureTracker, toObservedExchange, type TrackedExchange } from './tracker.ts';

const bytes = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;
const binary = (values: number[]): ArrayBuffer => new Uint8Array(values).buffer;

describe('readRequestBody', () => {
  const cases: Array<[string, unknown, string | null, ReturnType<typeof readRequestBody>]> = [
    ['UTF-8 bytes become text', { raw: [{ bytes: bytes('{"a":"é 😀"}') }] }, 'application/json', { text: '{"a":"é 😀"}', mimeType: 'application/json' }],
    ['parts are joined', { raw: [{ bytes: bytes('ab') }, { bytes: bytes('cd') }] }, null, { text: 'abcd' }],
    ['NUL stays in text', { raw: [{ bytes: bytes('a\u0000b') }] }, 'text/plain', { text: 'a\u0000b', mimeType: 'text/plain' }],
    ['bytes that are not UTF-8 become base64', { raw: [{ bytes: binary([0xff, 0x00, 0xfe]) }] }, null, { text: '/wD+', encoding: 'base64' }],
    ['a file part is not recorded', { raw: [{ bytes: bytes('a') }, { file: '/tmp/upload.bin' }] }, null, undefined],
    ['a body the browser could not read is not recorded', { error: 'Unknown error' }, null, undefined],
    ['a body past the bound is not recorded', { raw: [{ bytes: new ArrayBuffer(MAX_BODY_BYTES + 1) }] }, null, undefined],
    ['a body at the bound is', { raw: [{ bytes: new ArrayBuffer(MAX_BODY_BYTES) }] }, null, { text: '\u0000'.repeat(MAX_BODY_BYTES) }],
    [
      'urlencoded form data is serialized again in order',
      { formData: { q: ['a b&c'], name: ['José'], 'x*y': ["it's ~ok!"] } },
      'application/x-www-form-urlencoded;charset=UTF-8',
      { text: 'q=a+b%26c&name=Jos%C3%A9&x*y=it%27s+%7Eok%21', mimeType: 'application/x-www-form-urlencoded;charset=UTF-8' },
    ],
    ['form data whose order is lost (a repeated name) is not recorded', { formData: { a: ['1', '3'], b: ['2'] } }, 'application/x-www-form-urlencoded', undefined],
    ['form data with an index-like name (reordered by JavaScript) is not recorded', { formData: { b: ['1'], 2: ['x'] } }, 'application/x-www-form-urlencoded', undefined],
    ['multipart form data is not recorded', { formData: { a: ['1'] } }, 'multipart/form-data; boundary=x', undefined],
    ['no body', undefined, null, undefined],
  ];
  it.each(cases)('%s', (_name, requestBody, contentType, expected) => {
    expect(readRequestBody(requestBody, contentType)).toEqual(expected);
  });

  it('serializes form data as URLSearchParams does', () => {
    const fields: Record<string, string> = { q: 'a b&c=d', e: 'José 😀 *-._~!\'()', plus: '1+1' };
    const formData = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]]));
    expect(readRequestBody({ formData }, 'application/x-www-form-urlencoded')?.text).toBe(new URLSearchParams(fields).toString());
  });
});

const PAGE = 'http://localhost:8310';
const API = 'http://127.0.0.1:8311/s/post/';

function tracker(): { push: CaptureTracker['push']; exchanges: () => ObservedExchange[] } {
  const seen = new Map<string, TrackedExchange>();
  const t = new CaptureTracker({ browser: 'chromium', onChange: (x) => seen.set(x.id, x) });
  return {
    push: (raw) => t.push(raw),
    exchanges: () => [...seen.values()].filter((x) => !x.retired).map((x) => toObservedExchange(x, 'chromium')),
  };
}

function events(requestId: string, url: string, initiator: string, body: unknown) {
  const base = { requestId, url, method: 'POST', tabId: 1, frameId: 0, type: 'xmlhttprequest', initiator };
  return [
    { event: 'onBeforeRequest' as const, details: { ...base, timeStamp: 1, requestBody: body } },
    { event: 'onSendHeaders' as const, details: { ...base, timeStamp: 2, requestHeaders: [{ name: 'Content-Type', value: 'text/plain' }, { name: 'Origin', value: initiator }] } },
    { event: 'onHeadersReceived' as const, details: { ...base, timeStamp: 3, statusCode: 200, statusLine: 'HTTP/1.1 200 OK', responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: initiator }] } },
    { event: 'onCompleted' as const, details: { ...base, timeStamp: 4, statusCode: 200, responseHeaders: [] } },
  ];
}

describe('the capture records request bodies', () => {
  it('gives a followed cross-origin request the body onBeforeRequest carried', () => {
    const t = tracker();
    for (const raw of events('1', API, PAGE, { raw: [{ bytes: bytes('hello\u0000') }] })) t.push(raw);
    const [x] = t.exchanges();
    expect(x?.legs[0]?.request.body).toEqual({ text: 'hello\u0000', mimeType: 'text/plain' });
  });

  it('records no body for a redirect hop the browser sent without one (303 turns POST into GET)', () => {
    const t = tracker();
    const [before, send, headers] = events('4', API, PAGE, { raw: [{ bytes: bytes('first') }] });
    t.push(before!);
    t.push(send!);
    t.push({ event: 'onHeadersReceived', details: { ...(headers!.details as object), statusCode: 303, responseHeaders: [{ name: 'Location', value: `${API}next` }] } });
    const next = { requestId: '4', url: `${API}next`, method: 'GET', tabId: 1, frameId: 0, type: 'xmlhttprequest', initiator: PAGE, timeStamp: 5 };
    t.push({ event: 'onBeforeRequest', details: next });
    t.push({ event: 'onSendHeaders', details: { ...next, requestHeaders: [{ name: 'Origin', value: 'null' }] } });
    const [x] = t.exchanges();
    expect(x?.legs.map((leg) => leg.request.body?.text ?? null)).toEqual(['first', null]);
  });
});

describe('BodyStash', () => {
  const offer = (stash: BodyStash, requestId: string, url = API, initiator = PAGE, requestBody: unknown = { raw: [{ bytes: bytes(requestId) }] }): void =>
    stash.offer({ requestId, url, initiator, requestBody });

  it('keeps only cross-origin requests that have a body', () => {
    const stash = new BodyStash();
    offer(stash, 'same', `${PAGE}/api`);
    offer(stash, 'get', API, PAGE, null);
    expect(stash.size).toBe(0);
    offer(stash, 'post');
    expect(stash.size).toBe(1);
    expect(stash.take('post', [])).toEqual({ text: 'post' });
    expect(stash.size).toBe(0);
  });

  it('forgets a body on request, and the oldest beyond its bound', () => {
    const stash = new BodyStash();
    offer(stash, 'a');
    stash.forget('a');
    expect(stash.size).toBe(0);
    for (let i = 0; i < 300; i++) offer(stash, String(i));
    expect(stash.size).toBe(256);
    expect(stash.take('0', [])).toBeUndefined();
    expect(stash.take('299', [])).toEqual({ text: '299' });
  });
});
