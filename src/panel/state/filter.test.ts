import { describe, expect, it } from 'vitest';
import type { RequestInitiator } from '../../shared/model/initiator.ts';
import type { ExchangeRecord } from '../../shared/protocol/messages.ts';
import { allFixtures } from '../testing/fixtures.ts';
import { filterFields } from './filter-fields.ts';
import { matchesFilter, parseFilter } from './filter.ts';

/** Who made each fixture (ex-same: an imported HAR's record, which does not say). */
const WHO: Readonly<Record<string, RequestInitiator>> = {
  'ex-get': { kind: 'page' },
  'ex-put': { kind: 'page', orDedicatedWorker: true },
  'ex-cached': { kind: 'service-or-shared-worker', sharedByTabs: 2 },
  'ex-redirect': { kind: 'frame' },
};

const records: ExchangeRecord[] = allFixtures().map((r) => (WHO[r.id] ? { ...r, initiator: WHO[r.id] } : r));
const rows = records.map((record) => ({ fields: filterFields(record), record }));

const ids = (text: string, failuresOnly = false): string[] => {
  const q = parseFilter(text, failuresOnly);
  return rows.filter((r) => matchesFilter(q, r)).map((r) => r.record.id);
};

const shape = (text: string) => {
  const { tokens, errors } = parseFilter(text);
  return { tokens: tokens.map(({ key, values, negated }) => ({ key, values, negated })), errors: errors.map((e) => e.token) };
};

describe('parseFilter', () => {
  it('splits words, keyed tokens (values lower-cased, alternatives split) and regexes', () => {
    expect(shape('  Items status:Blocked|allowed -method:PUT,delete /a+b/ ').tokens).toEqual([
      { key: 'text', values: ['items'], negated: false },
      { key: 'status', values: ['blocked', 'allowed'], negated: false },
      { key: 'method', values: ['put', 'delete'], negated: true },
      { key: 'regex', values: ['a+b'], negated: false },
    ]);
  });

  it.each([
    ['a URL', 'http://x/y', { key: 'text', values: ['http://x/y'], negated: false }],
    ['a host and port', 'localhost:8310/api', { key: 'text', values: ['localhost:8310/api'], negated: false }],
    ['a unique prefix of a fixed value', 'status:bl', { key: 'status', values: ['blocked'], negated: false }],
    ['the old word for blocked', 'status:failed', { key: 'status', values: ['blocked'], negated: false }],
    ['a negated DevTools key', '-is:preflighted', { key: 'is', values: ['preflighted'], negated: true }],
  ])('reads %s: %s', (_what, text, token) => {
    expect(shape(text)).toEqual({ tokens: [token], errors: [] });
  });

  it.each([
    ['an empty value', 'method:'],
    ['a prefix of several values', 'is:c'],
    ['a lone dash', '-'],
  ])('leaves out %s while it is being typed, without an error', (_what, text) => {
    expect(shape(text)).toEqual({ tokens: [], errors: [] });
  });

  it.each([
    ['an unknown key', 'foo:bar', /Unknown filter key “foo”\. Keys: domain, has-request-header/],
    ['a value a fixed key does not take', 'status:nope', /status: takes blocked, allowed, not-cors, pending; not “nope”/],
    ['an invalid value', 'status-code:abc', /status-code: expects an HTTP status code/],
    ['an invalid regular expression', '/a(/', /Not a valid regular expression/],
  ])('reports %s as an error the user sees, and filters by the rest', (_what, text, message) => {
    const query = parseFilter(`${text} method:GET`);
    expect(query.errors).toHaveLength(1);
    expect(query.errors[0]?.message).toMatch(message);
    expect(query.tokens.map((t) => t.key)).toEqual(['method']);
  });
});

describe('matchesFilter', () => {
  it.each([
    // Free text and regexes match any leg's URL (redirect targets included).
    ['items', ['ex-get', 'ex-put']],
    ['3001/profile', ['ex-redirect']],
    ['/items\\/\\d+$/', ['ex-put']],
    ['-/items/', ['ex-cached', 'ex-redirect', 'ex-same']],
    // DevTools' keys.
    ['domain:127.0.0.1', ['ex-get', 'ex-put', 'ex-cached', 'ex-redirect']],
    ['domain:local*', ['ex-same']],
    ['domain:*.0.1', ['ex-get', 'ex-put', 'ex-cached', 'ex-redirect']],
    ['-domain:127.0.0.1', ['ex-same']],
    ['method:put', ['ex-put', 'ex-cached']],
    ['method:PUT,GET', ['ex-get', 'ex-put', 'ex-cached', 'ex-redirect', 'ex-same']],
    ['status-code:302', ['ex-redirect']],
    ['status-code:204', []],
    ['has-response-header:set-cookie', ['ex-cached']],
    ['has-request-header:cookie', ['ex-cached']],
    ['-has-response-header:access-control-allow-origin', ['ex-put', 'ex-same']],
    ['is:preflighted', ['ex-put']],
    ['is:cached', ['ex-cached']],
    ['is:redirected', ['ex-redirect']],
    ['is:credentialed', ['ex-cached', 'ex-redirect']],
    ['is:service-worker-initiated', ['ex-cached']],
    ['resource-type:xhr', ['ex-redirect']],
    ['resource-type:fetch', ['ex-get', 'ex-put', 'ex-cached', 'ex-redirect', 'ex-same']],
    ['mime-type:application/json', ['ex-get', 'ex-cached', 'ex-redirect', 'ex-same']],
    ['scheme:https', []],
    ['url:/api/', ['ex-get', 'ex-put', 'ex-cached']],
    // Ours.
    ['status:blocked', ['ex-put', 'ex-redirect']],
    ['status:allowed,not-cors', ['ex-get', 'ex-cached', 'ex-same']],
    ['origin:127.0.0.1:3000', ['ex-get', 'ex-put', 'ex-cached', 'ex-redirect']],
    ['code:headerdisallowed', ['ex-put']],
    ['code:CORSNotSupportingCredentials', ['ex-redirect']],
    ['initiator:page', ['ex-get', 'ex-put']],
    // Chromium's "page or worker" is a worker too.
    ['initiator:worker', ['ex-put']],
    ['initiator:frame', ['ex-redirect']],
    ['initiator:service-or-shared-worker', ['ex-cached']],
    // Combined: every token must match.
    ['method:PUT -status:blocked', ['ex-cached']],
    ['-method:GET', ['ex-put', 'ex-cached']],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('"Failures only" combines with the rest', () => {
    expect(ids('', true)).toEqual(['ex-put', 'ex-redirect']);
    expect(ids('method:GET', true)).toEqual(['ex-redirect']);
  });
});

describe('is:cookie-problem', () => {
  it('matches rows whose cookie jar found a cookie withheld or refused, and negates', () => {
    const [first, ...rest] = records;
    if (first === undefined) throw new Error('no fixtures');
    // The record alone cannot say: the log's cookie jar decides, and derived.ts passes its answer in.
    const marked = [{ fields: filterFields(first, true), record: first }, ...rest.map((record) => ({ fields: filterFields(record), record }))];
    const pick = (text: string): string[] => marked.filter((r) => matchesFilter(parseFilter(text), r)).map((r) => r.record.id);
    expect(pick('is:cookie-problem')).toEqual([first.id]);
    expect(pick('-is:cookie-problem')).toEqual(rest.map((r) => r.id));
    expect(marked[0]?.fields.badges).toContain('cookie-problem');
  });
});
