import { describe, expect, it } from 'vitest';
import { allFixtures } from '../testing/fixtures.ts';
import { matchesFilter, parseFilter } from './filter.ts';
import { filterFields, summarize } from './summary.ts';

const rows = allFixtures().map((record) => summarize(record));
const ids = (text: string, failuresOnly = false): string[] => {
  const q = parseFilter(text, failuresOnly);
  return rows.filter((r) => matchesFilter(q, r)).map((r) => r.id);
};

describe('parseFilter', () => {
  it('splits free words and known key:value tokens, lower-casing values', () => {
    expect(parseFilter('  Items status:Blocked|allowed -method:PUT foo:bar ').tokens).toEqual([
      { key: 'text', values: ['items'], negated: false },
      { key: 'status', values: ['blocked', 'allowed'], negated: false },
      { key: 'method', values: ['put'], negated: true },
      { key: 'text', values: ['foo:bar'], negated: false },
    ]);
  });
  it('keeps a URL with a scheme as free text and drops empty tokens', () => {
    expect(parseFilter('http://x/ status: -').tokens).toEqual([{ key: 'text', values: ['http://x/'], negated: false }]);
  });
});

describe('matchesFilter', () => {
  it('free text matches any leg URL (redirect targets included)', () => {
    expect(ids('items')).toEqual(['ex-get', 'ex-put']);
    expect(ids('3001/profile')).toEqual(['ex-redirect']);
  });
  it('status, method, origin and code tokens', () => {
    expect(ids('status:blocked')).toEqual(['ex-put', 'ex-redirect']);
    expect(ids('status:bl')).toEqual(['ex-put', 'ex-redirect']);
    expect(ids('status:allowed,not-cors')).toEqual(['ex-get', 'ex-cached', 'ex-same']);
    expect(ids('method:put')).toEqual(['ex-put', 'ex-cached']);
    expect(ids('origin:127.0.0.1:3000')).toEqual(['ex-get', 'ex-put', 'ex-cached', 'ex-redirect']);
    expect(ids('code:headerdisallowed')).toEqual(['ex-put']);
    expect(ids('code:CORSNotSupportingCredentials')).toEqual(['ex-redirect']);
  });
  it('negation and failures-only combine with the rest', () => {
    expect(ids('-method:GET')).toEqual(['ex-put', 'ex-cached']);
    expect(ids('', true)).toEqual(['ex-put', 'ex-redirect']);
    expect(ids('method:GET', true)).toEqual(['ex-redirect']);
  });
});

describe('is:cookie-problem', () => {
  it('matches rows whose cookie jar found a cookie withheld or refused, and negates', () => {
    const [first, ...rest] = allFixtures();
    if (first === undefined) throw new Error('no fixtures');
    const marked = [summarize(first, filterFields(first, true)), ...rest.map((r) => summarize(r))];
    const pick = (text: string): string[] => marked.filter((r) => matchesFilter(parseFilter(text), r)).map((r) => r.id);
    expect(pick('is:cookie-problem')).toEqual([first.id]);
    expect(pick('-is:cookie-problem')).toEqual(rest.map((r) => r.id));
    expect(marked[0]?.badges).toContain('cookie-problem');
  });
});
