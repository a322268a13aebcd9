import { describe, expect, it } from 'vitest';
import type { ObservedExchange } from '../model/exchange.ts';
import { API, PAGE, h, preflighted, simple } from '../cors/build-exchange.test-util.ts';
import { bodyBytes, fromBase64, toBase64, utf8, utf8Text } from './bytes.ts';
import { fetchCommand, pageResend, preflightCommand, requestCommand } from './commands.ts';
import { curlInvocation } from './curl.ts';
import { escapeJsonControls, htmlText, markdownCode, markdownFence, markdownText, visibleLine } from './inert.ts';
import { NOTE_TEXT } from './notes.ts';
import { posixWord, printfFormat } from './quote-posix.ts';
import { Redaction, isSecretName, redactExchange } from './redact.ts';
import { actualRequest, preflightRequest } from './request-parts.ts';
import { sha256Hex } from './sha256.ts';

const withBody = (x: ObservedExchange, text: string): ObservedExchange => ({
  ...x,
  legs: x.legs.map((leg, i) => (i === 0 ? { ...leg, request: { ...leg.request, body: { text } } } : leg)),
});

const cacheHit = (x: ObservedExchange): ObservedExchange => ({
  ...x,
  legs: x.legs.map((leg) => ({ ...leg, preflight: { kind: 'cache-hit', sourceExchangeId: '3', maxAgeSeconds: 600 } })),
});

describe('bytes', () => {
  it('round-trips base64 and tells UTF-8 from other bytes', () => {
    const bytes = new Uint8Array([0, 1, 0xfe, 0xff, 0x41]);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(toBase64(utf8('ab'))).toBe('YWI=');
    expect(fromBase64('not base64!')).toBeNull();
    expect(utf8Text(utf8('é😀'))).toBe('é😀');
    expect(utf8Text(new Uint8Array([0xc0, 0x80]))).toBeNull();
    expect(bodyBytes({ text: 'a\uD800' })).toMatchObject({ text: 'a\uFFFD', replacedSurrogates: true });
  });

  it('SHA-256 matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});

describe('posixWord / printfFormat', () => {
  it.each([
    ['abc', 'abc'],
    ['a=b', "'a=b'"],
    ['-x', "'-x'"],
    ['a b$(x)`y`;|&', "'a b$(x)`y`;|&'"],
    ['!', "'!'"],
    ["it's", "$'it\\'s'"],
    ['a\nb', "$'a\\x0ab'"],
    ['\\', "'\\'"],
    ["\\'", "$'\\\\\\''"],
    ['é', "'é'"],
    ['\u202e', "$'\\xe2\\x80\\xae'"],
    ['\u0085', "$'\\xc2\\x85'"],
    ['', "''"],
  ])('%j → %s', (input, expected) => {
    expect(posixWord(input)).toBe(expected);
  });

  // Printable ASCII (not a bare word) takes a short path: it must quote exactly as bytes do.
  it.each(['a b', "it's", '\\', "\\'", '!x', "a'!\\b", ' ~`$"', "'", ''])('%j quotes as its UTF-8 bytes do', (input) => {
    expect(posixWord(input)).toBe(posixWord(utf8(input)));
  });

  it('refuses NUL, and printf carries it', () => {
    expect(posixWord('a\u0000b')).toBeNull();
    expect(printfFormat(new Uint8Array([0x61, 0, 0x25, 0x5c, 0x27, 0xff]))).toBe("'a\\000%%\\\\\\047\\377'");
  });
});

describe('the preflight and the request', () => {
  const x = preflighted({ method: 'PUT', request: [['Content-Type', 'application/json'], ['X-Trace', 'a b']] });

  it('copies an observed preflight: Origin and Access-Control-Request-* as sent, OPTIONS, -i', () => {
    expect(preflightCommand(x)).toBe(
      [
        `curl -i '${API}' \\`,
        '  -X OPTIONS \\',
        `  -H 'Origin: ${PAGE}' \\`,
        "  -H 'Access-Control-Request-Method: PUT' \\",
        "  -H 'Access-Control-Request-Headers: content-type,x-trace'",
      ].join('\n'),
    );
  });

  it('rebuilds a preflight served from the cache, and says so', () => {
    const request = preflightRequest(cacheHit(x));
    expect(request).toMatchObject({
      method: 'OPTIONS',
      url: API,
      headers: h([['Origin', PAGE], ['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Headers', 'content-type,x-trace']]),
      notes: ['preflight-from-cache'],
    });
    expect(preflightCommand(cacheHit(x))).toContain(`# ${NOTE_TEXT['preflight-from-cache']}\ncurl -i`);
  });

  it('has no preflight for a simple request', () => {
    expect(preflightCommand(simple({}))).toBeNull();
    expect(preflightRequest(simple({ method: 'DELETE' }))?.notes).toEqual(['preflight-not-recorded']);
  });

  it('copies every header the browser sent, but those curl derives, and the body', () => {
    const invocation = curlInvocation(actualRequest(withBody(x, '{"a":1}')) ?? fail());
    const words = invocation.groups.map((g) => g.map((w) => ('flag' in w ? w.flag : String(w.value))).join(' '));
    expect(words).toEqual([
      `-i ${API}`,
      '-X PUT',
      `-H Origin: ${PAGE}`,
      '-H User-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0.0.0',
      '-H Accept-Language: en-US,en;q=0.9',
      `-H Referer: ${PAGE}/`,
      '-H Sec-Fetch-Mode: cors',
      '-H Sec-Fetch-Site: cross-site',
      '-H sec-ch-ua: "Chromium";v="156"',
      '-H Connection: keep-alive',
      '-H Content-Type: application/json',
      '-H X-Trace: a b',
      '--compressed',
    ]);
    expect(invocation.body).toEqual(utf8('{"a":1}'));
  });

  it('adds the Origin a never-sent request would have carried, and says so', () => {
    const blocked = preflighted({ method: 'PUT', request: [['X-Trace', '1']], actual: null });
    const provisional: ObservedExchange = {
      ...blocked,
      legs: blocked.legs.map((leg) => ({ ...leg, request: { ...leg.request, headers: leg.request.headers.filter((hd) => hd.name !== 'Origin') } })),
    };
    const request = actualRequest(provisional);
    expect(request?.headers.at(-1)).toEqual({ name: 'Origin', value: PAGE });
    expect(request?.notes).toEqual(['request-not-sent']);
  });

  it('says when a body was sent but not recorded', () => {
    expect(actualRequest(simple({ method: 'POST', request: [['Content-Length', '5']] }))?.notes).toEqual(['body-not-recorded']);
  });

  it('suppresses curl’s own Content-Type when the browser sent none, and uses --head for HEAD', () => {
    const post = requestCommand(withBody(simple({ method: 'POST' }), 'x')) ?? '';
    expect(post).toContain("-H 'Content-Type:' \\");
    expect(post).not.toContain('-X POST');
    expect(post.endsWith("--data-raw 'x'")).toBe(true);
    expect(requestCommand(simple({ method: 'HEAD' }))).toContain('--head');
  });

  it('renders cmd and PowerShell', () => {
    expect(preflightCommand(x, { shell: 'cmd' })).toBe(
      [
        `curl -i ^"${API}^" ^`,
        '  -X OPTIONS ^',
        `  -H ^"Origin: ${PAGE}^" ^`,
        '  -H ^"Access-Control-Request-Method: PUT^" ^',
        '  -H ^"Access-Control-Request-Headers: content-type,x-trace^"',
      ].join('\n'),
    );
    const ps = requestCommand(withBody(x, '{"é":1}'), { shell: 'powershell' }) ?? '';
    expect(ps).toContain("  Method = 'PUT'");
    expect(ps).toContain("  ContentType = 'application/json'");
    expect(ps).toContain("    'X-Trace' = 'a b'");
    expect(ps).toContain('  Body = [System.Text.Encoding]::UTF8.GetBytes("{`"$([char]0x00E9)`":1}")');
    expect(ps).toContain('(Invoke-WebRequest -UseBasicParsing @request).RawContent');
  });

  it('writes fetch() with the headers the page set and the recorded credentials mode', () => {
    const code = fetchCommand(withBody(preflighted({ method: 'PUT', credentials: 'include', request: [['X-Trace', '1']] }), 'hi\u202e'));
    expect(code).toBe(
      [
        '// Left out: headers a page cannot set (the browser adds Origin, Cookie, Sec-Fetch-*, Host and the like itself).',
        `await fetch("${API}", {`,
        '  method: "PUT",',
        '  mode: "cors",',
        '  credentials: "include",',
        '  headers: {',
        // Safelisted headers cannot be told apart from the browser's own; setting them again is harmless.
        '    "Accept-Language": "en-US,en;q=0.9",',
        '    "X-Trace": "1",',
        '  },',
        '  body: "hi\\u202E",',
        '});',
      ].join('\n'),
    );
  });

  it('re-sends from the page exactly the fetch() it shows, without waiting for it', () => {
    const exchange = withBody(preflighted({ method: 'PUT', credentials: 'include', request: [['X-Trace', '1']] }), 'hi');
    const resend = pageResend(exchange);
    expect(resend?.shown).toBe(fetchCommand(exchange)?.replace('await fetch(', 'fetch('));
    const calls: unknown[][] = [];
    const fetch = (...args: unknown[]): Promise<never> => {
      calls.push(args);
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    // The expression as the page evaluates it, with the page's fetch.
    const result: unknown = new Function('fetch', `return ${resend?.expression ?? ''};`)(fetch);
    expect(result).toBe(true);
    expect(calls).toEqual([
      [API, { method: 'PUT', mode: 'cors', credentials: 'include', headers: { 'Accept-Language': 'en-US,en;q=0.9', 'X-Trace': '1' }, body: 'hi' }],
    ]);
  });

  it('notes are plain ASCII with no shell metacharacter', () => {
    for (const text of Object.values(NOTE_TEXT)) expect(text).toMatch(/^[A-Za-z0-9 .,:;()'*+/_[\]-]+$/);
  });
});

describe('redaction', () => {
  const r = (): Redaction => new Redaction('test-salt');

  it.each([
    ['Authorization', 'Bearer abc.def.ghi', /^Bearer \[REDACTED-11-[0-9a-f]{8}\]$/],
    ['Cookie', 'sid=12345; theme=dark', /^sid=\[REDACTED-5-[0-9a-f]{8}\]; theme=\[REDACTED-4-[0-9a-f]{8}\]$/],
    ['Set-Cookie', 'sid=12345; Path=/; SameSite=None; Secure', /^sid=\[REDACTED-5-[0-9a-f]{8}\]; Path=\/; SameSite=None; Secure$/],
    ['X-Api-Key', 'k-123', /^\[REDACTED-5-[0-9a-f]{8}\]$/],
    ['Access-Control-Allow-Credentials', 'true', /^true$/],
    ['Access-Control-Request-Headers', 'authorization', /^authorization$/],
    ['Content-Type', 'application/json', /^application\/json$/],
    ['Location', 'http://a.test/cb?code=xyz&x=1', /^http:\/\/a\.test\/cb\?code=\[REDACTED-3-[0-9a-f]{8}\]&x=1$/],
  ])('%s: %s', (name, value, expected) => {
    expect(r().headerValue(name, value)).toMatch(expected);
  });

  it('redacts URLs: userinfo password, secret-named query and fragment parameters', () => {
    expect(r().url('https://u:pw@api.test/x?access_token=abc%2Bdef&page=2#id_token=t0k3n')).toMatch(
      /^https:\/\/u:\[REDACTED-2-\w{8}\]@api\.test\/x\?access_token=\[REDACTED-9-\w{8}\]&page=2#id_token=\[REDACTED-5-\w{8}\]$/,
    );
    expect(r().url('not a url')).toBe('not a url');
  });

  it('keeps equal secrets equal, and different salts different', () => {
    const one = r();
    expect(one.value('secret')).toBe(one.value('secret'));
    expect(one.value('secret')).not.toBe(one.value('secreu'));
    expect(new Redaction('a').value('secret')).not.toBe(new Redaction('b').value('secret'));
  });

  it('redacts form and JSON bodies by field name', () => {
    const red = r();
    expect(red.body({ text: 'user=bob&password=hunter2' }, 'application/x-www-form-urlencoded').text).toMatch(/^user=bob&password=\[REDACTED-7-\w{8}\]$/);
    expect(red.body({ text: '{"user":"bob","auth":{"token":"t-1"},"n":[1]}' }, 'application/json').text).toMatch(
      /^\{"user":"bob","auth":\{"token":"\[REDACTED-3-\w{8}\]"\},"n":\[1\]\}$/,
    );
  });

  it('scrubs free text of every URL, header value and secret it redacted', () => {
    const red = r();
    const x = redactExchange(simple({ url: `${API}?token=s3cr3t-value`, request: [['Authorization', 'Bearer abcdefgh']] }), red);
    expect(x.legs[0]?.request.url).toMatch(/token=\[REDACTED-/);
    expect(red.text(`Access to fetch at '${API}?token=s3cr3t-value' failed; sent abcdefgh`)).not.toMatch(/s3cr3t|abcdefgh/);
    expect(red.deep({ a: ['s3cr3t-value'], b: 1 })).toEqual({ a: [expect.stringMatching(/^\[REDACTED-/)], b: 1 });
  });

  it('shares what it does not change, and copies what it does', () => {
    const red = r();
    const plain = preflighted({ method: 'PUT', request: [['Content-Type', 'application/json']] });
    expect(redactExchange(plain, red)).toBe(plain);
    const secret = simple({ request: [['Accept', 'a/b'], ['Authorization', 'Bearer abcdefgh']] });
    const shown = redactExchange(secret, red);
    expect(shown).not.toBe(secret);
    const headers = shown.legs[0]?.request.headers ?? [];
    expect(headers.find((x) => x.name === 'Accept')).toBe(secret.legs[0]?.request.headers.find((x) => x.name === 'Accept'));
    expect(headers.find((x) => x.name === 'Authorization')?.value).toMatch(/^Bearer \[REDACTED-/);
    expect(redactExchange(secret, red)).toBe(shown);
    const untouched = { checks: [{ detail: 'nothing secret' }], n: 1 };
    expect(red.deep(untouched)).toBe(untouched);
    const touched = { keep: untouched.checks, change: ['sent abcdefgh'] };
    const scrubbed = red.deep(touched);
    expect(scrubbed).toEqual({ keep: untouched.checks, change: [expect.stringMatching(/^sent \[REDACTED-/)] });
    expect(scrubbed.keep).toBe(untouched.checks);
  });

  it('names credentials', () => {
    for (const name of ['access_token', 'api_key', 'X-Amz-Signature', 'sig', 'PHPSESSID', 'password', 'client_secret', 'code']) expect(isSecretName(name)).toBe(true);
    for (const name of ['design', 'page', 'origin', 'access-control-allow-credentials', 'keep-alive']) expect(isSecretName(name)).toBe(false);
  });

  it('marks the redacted copy', () => {
    expect(requestCommand(simple({ request: [['Cookie', 'a=b']] }), { redaction: r() })).toMatch(/^# Redacted: .*\n[^]*Cookie: a=\[REDACTED-1-/);
  });
});

describe('inert escaping', () => {
  const hostile = '<img src=x onerror=alert(1)>](javascript:alert(1)) <script>x</script> `code` \u202eevil\u0085\u0007';

  it('HTML: the five characters as entities, controls visible', () => {
    expect(htmlText(hostile)).toBe(
      '&lt;img src=x onerror=alert(1)&gt;](javascript:alert(1)) &lt;script&gt;x&lt;/script&gt; `code` \\u202Eevil\\x85\\x07',
    );
    expect(htmlText('"\'&')).toBe('&quot;&#39;&amp;');
  });

  it('Markdown text: every ASCII punctuation escaped, one line', () => {
    expect(markdownText('a](javascript:x)\n*b*')).toBe('a\\]\\(javascript\\:x\\)\\\\n\\*b\\*');
  });

  it('Markdown code: a fence longer than any backtick run', () => {
    expect(markdownCode('a`b``c')).toBe('``` a`b``c ```');
    expect(markdownFence('x\n````\ny', 'sh')).toBe('`````sh\nx\n````\ny\n`````');
  });

  it('JSON: C1, DEL, bidi and line separators escaped, still valid JSON', () => {
    const json = escapeJsonControls(JSON.stringify({ v: 'a\u0085\u007f\u202e\u2028b' }));
    expect(json).toBe('{"v":"a\\u0085\\u007F\\u202E\\u2028b"}');
    expect(JSON.parse(json)).toEqual({ v: 'a\u0085\u007f\u202e\u2028b' });
  });

  it('terminal text: controls and bidi overrides visible', () => {
    expect(visibleLine('a\u001b[31m\u202eb\nc')).toBe('a\\x1b[31m\\u202Eb\\nc');
  });
});

function fail(): never {
  throw new Error('expected a request');
}
