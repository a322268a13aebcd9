import { describe, expect, it } from 'vitest';
import { allFixtures } from '../testing/fixtures.ts';
import { filterFields } from './filter-fields.ts';
import { accept, seenValuesOf, suggest } from './filter-suggest.ts';

const records = allFixtures();
const seen = seenValuesOf(records, (record) => ({ fields: filterFields(record), record }));
const labels = (text: string, caret = text.length) => suggest(text, caret, seen)?.items.map((i) => i.label) ?? [];

describe('filter autocomplete', () => {
  it.each([
    ['keys a word starts', 'ha', ['has-request-header:', 'has-response-header:']],
    ['keys after a negation', '-do', ['domain:']],
    ['the fixed values of a key', 'is:', ['running', 'preflighted', 'cached', 'redirected', 'credentialed', 'warning', 'cookie-problem', 'service-worker-initiated']],
    ['a value its prefix names alone', 'is:co', ['cookie-problem']],
    ['those a prefix narrows to', 'status:a', ['allowed']],
    ['values seen in the log, most frequent first', 'domain:', ['127.0.0.1', 'localhost']],
    ['methods seen', 'method:', ['GET', 'PUT']],
    ['status codes seen', 'status-code:3', ['302']],
    ['the next alternative of a list', 'method:GET,', ['PUT']],
    ['header names seen', 'has-response-header:set', ['set-cookie']],
  ])('offers %s (%s)', (_what, text, expected) => {
    expect(labels(text)).toEqual(expected);
  });

  it.each([
    ['an empty word', 'method:GET '],
    ['an unknown key', 'foo:'],
    ['a complete key', 'is'.concat(':running')],
  ])('offers nothing for %s', (_what, text) => {
    expect(suggest(text, text.length, seen)).toBeNull();
  });

  it('completes the word under the caret: a key keeps suggesting, a value ends the token', () => {
    const text = 'url:/api/ sta -dom';
    const caret = 'url:/api/ sta'.length;
    const at = suggest(text, caret, seen)!;
    expect(at.items.map((i) => i.label)).toEqual(['status-code:', 'status:']);
    expect(accept(text, at, at.items[1]!)).toEqual({ text: 'url:/api/ status: -dom', caret: 'url:/api/ status:'.length });
    const values = suggest('url:/api/ status: -dom', 'url:/api/ status:'.length, seen)!;
    expect(accept('url:/api/ status: -dom', values, values.items[0]!)).toEqual({ text: 'url:/api/ status:blocked -dom', caret: 'url:/api/ status:blocked'.length });
    const end = suggest('-dom', 4, seen)!;
    expect(accept('-dom', end, end.items[0]!).text).toBe('-domain:');
    const value = suggest('-domain:loc', 11, seen)!;
    expect(accept('-domain:loc', value, value.items[0]!).text).toBe('-domain:localhost ');
  });
});
