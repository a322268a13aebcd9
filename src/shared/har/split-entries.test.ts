import { describe, expect, it } from 'vitest';
import sameOrigin from '../../../test/fixtures/har/chrome-same-origin.har?raw';
import redirectChain from '../../../test/fixtures/har/chrome-redirect-chain.har?raw';
import ffPreflightBefore from '../../../test/fixtures/har/firefox-preflight-before-request.har?raw';
import { splitEntries } from './split-entries.ts';
import { parseHarText, validateHar } from './validate.ts';

const ENTRY = '{"request":{"method":"GET","url":"http://a.test/x","headers":[]},"response":{"status":200,"headers":[]}}';
const har = (entries: string, log = ''): string => `{"log":{${log}"entries":[${entries}]}}`;

/** What parsing the whole text at once gives: the reference the split path must equal. */
function whole(text: string): ReturnType<typeof parseHarText> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return validateHar(JSON.parse(body));
  } catch (error) {
    return { ok: false, error: { code: 'not-json', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, path: null } };
  }
}

describe('splitEntries', () => {
  // [name, text, entries found by the split (null: it declines and the whole text is parsed)]
  const cases: readonly (readonly [string, string, number | null])[] = [
    ['one entry', har(ENTRY), 1],
    ['no entries', har(''), 0],
    ['whitespace everywhere', ` \n{ "log" :\t{ "version" : "1.2" , "entries" : [ ${ENTRY} ,\r\n ${ENTRY} ] } } \n`, 2],
    ['brackets and quotes inside strings', har(ENTRY.replace('/x', '/x?a=]}{[\\"\\\\')), 1],
    ['a string ending in escaped backslashes', har(ENTRY.replace('"GET"', '"GET","_n":"\\\\\\\\"')), 1],
    ['"entries" and "log" inside an entry', har(ENTRY.replace('{"request"', '{"log":{"entries":[1]},"entries":[],"request"')), 1],
    ['members before and after log', `{"a":[1,{"b":"]"}],"log":{"pages":[],"entries":[${ENTRY}],"creator":{"name":"x"}},"z":null}`, 1],
    ['an escaped key', `{"\\u006cog":{"entries":[${ENTRY}]}}`, 1],
    ['a byte order mark', `\ufeff${har(ENTRY)}`, null],
    ['log given twice', `{"log":{"entries":[]},"log":{"entries":[${ENTRY}]}}`, null],
    ['entries given twice', `{"log":{"entries":[${ENTRY}],"entries":[]}}`, null],
    ['entries not an array', '{"log":{"entries":{}}}', null],
    ['an entry that is not an object', har(`${ENTRY},3`), null],
    ['no log', '{"logs":{"entries":[]}}', null],
    ['a top-level array', `[${har(ENTRY)}]`, null],
    ['trailing text', `${har(ENTRY)} x`, null],
    ['truncated inside an entry', har(ENTRY).slice(0, 60), null],
    ['truncated inside a string', '{"log":{"entries":[{"a":"]}]}}', null],
    ['a missing comma between entries', har(`${ENTRY} ${ENTRY}`), null],
    ['a trailing comma', har(`${ENTRY},`), null],
    ['unbalanced brackets in an entry', har(ENTRY.replace('[]', '[}')), 1],
    ['empty text', '', null],
  ];

  it.each(cases)('%s', (_name, text, entries) => {
    const split = splitEntries(text);
    expect(split === null ? null : split.bounds.length / 2).toBe(entries);
    // whatever the split does, parsing reads the same as parsing the whole text at once
    expect(parseHarText(text)).toEqual(whole(text));
  });

  it('gives each entry its exact slice', () => {
    const text = har(`${ENTRY}, ${ENTRY.replace('/x', '/y')}`);
    const split = splitEntries(text);
    expect(split?.bounds.length).toBe(4);
    const [a = 0, b = 0, c = 0, d = 0] = split?.bounds ?? [];
    expect([text.slice(a, b), text.slice(c, d)]).toEqual([ENTRY, ENTRY.replace('/x', '/y')]);
    expect(text.slice(split?.arrayStart, split?.arrayEnd)).toBe(`[${ENTRY}, ${ENTRY.replace('/x', '/y')}]`);
  });

  it.each([
    ['Chromium same-origin', sameOrigin],
    ['Chromium redirect chain', redirectChain],
    ['Firefox preflight first', ffPreflightBefore],
  ])('reads a recorded HAR (%s) as the whole-text parse does', (_name, text) => {
    expect(splitEntries(text)).not.toBeNull();
    expect(parseHarText(text)).toEqual(whole(text));
  });

  it('declines a deep nest of brackets in linear time and parses it as before', () => {
    const deep = `{"log":{"entries":[{"a":${'['.repeat(100_000)}`;
    expect(splitEntries(deep)).toBeNull();
    expect(parseHarText(deep).ok).toBe(false);
  });
});
