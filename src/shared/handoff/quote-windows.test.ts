/**
 * cmd.exe and PowerShell quoting, checked by their documented rules (no Windows here): table
 * tests of the exact text, and a property test that reads the text back with a model of each
 * parser — cmd's `%` expansion and `^`/quote pass followed by the Microsoft C runtime's argument
 * splitting (quote-cmd.ts quotes the rules), and PowerShell's single- and double-quoted strings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caretEscape, cmdArgument, crtQuote } from './quote-cmd.ts';
import { powershellString } from './quote-powershell.ts';

/** cmd's phase 1 on an interactive line: `%NAME%` of a defined variable expands, anything else stays. */
function cmdPercent(line: string, env: Readonly<Record<string, string>>): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    const end = c === '%' ? line.indexOf('%', i + 1) : -1;
    const name = end === -1 ? '' : line.slice(i + 1, end);
    const value = Object.entries(env).find(([k]) => k.toUpperCase() === name.toUpperCase())?.[1];
    if (c === '%' && value !== undefined && name !== '') {
      out += value;
      i = end;
    } else out += c;
  }
  return out;
}

/** cmd's phase 2: carets and quote state. Throws where cmd would see an operator or end the command. */
function cmdCarets(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (quoted) {
      if (c === '"') quoted = false;
      if (c === '\n') throw new Error('line ends inside quotes');
      out += c;
    } else if (c === '^') {
      i += 1;
      if (line[i] === '\n') i += 1; // continuation: the first character of the next line is taken literally
      out += line[i] ?? '';
    } else if ('&|<>()'.includes(c)) {
      throw new Error(`cmd operator ${c} reached the parser`);
    } else if (c === '\n') {
      throw new Error('command ended early');
    } else {
      if (c === '"') quoted = true;
      out += c;
    }
  }
  return out;
}

/** The Microsoft C runtime's argv splitting ("Parsing C command-line arguments"). */
function crtSplit(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (i >= line.length) break;
    let arg = '';
    let quoted = false;
    while (i < line.length) {
      let backslashes = 0;
      while (line[i] === '\\') {
        backslashes++;
        i++;
      }
      if (line[i] === '"') {
        arg += '\\'.repeat(Math.floor(backslashes / 2));
        if (backslashes % 2 === 1) arg += '"';
        else if (quoted && line[i + 1] === '"') {
          arg += '"';
          i++;
        } else quoted = !quoted;
        i++;
        continue;
      }
      arg += '\\'.repeat(backslashes);
      const c = line[i];
      if (c === undefined || (!quoted && (c === ' ' || c === '\t'))) break;
      arg += c;
      i++;
    }
    args.push(arg);
  }
  return args;
}

const ENV = { PATH: 'C:\\Windows', A: 'expanded', 'PATH^': 'never defined in practice' };
const readCmd = (text: string, env: Readonly<Record<string, string>> = { PATH: ENV.PATH, A: ENV.A }): string[] =>
  crtSplit(cmdCarets(cmdPercent(text, env)));

describe('cmd.exe quoting', { timeout: 60_000 }, () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['token-like', 'a.test/x-1', 'a.test/x-1'],
    ['space', 'a b', '^"a b^"'],
    ['quote', 'a"b', '^"a\\^"b^"'],
    ['backslash before quote', 'a\\"b', '^"a\\\\\\^"b^"'],
    ['trailing backslash', 'a\\', '^"a\\\\^"'],
    ['backslash inside', 'C:\\x', '^"C:\\x^"'],
    ['percent', '%PATH%', '^"^%PATH^%^"'],
    ['caret and ampersand', '^&calc', '^"^^^&calc^"'],
    ['operators', 'a|b<c>d(e)f!', '^"a^|b^<c^>d^(e^)f^!^"'],
    ['line feed', 'a\nb', '^"a^\n\nb^"'],
    ['empty', '', '^"^"'],
  ])('%s', (_name, input, expected) => {
    expect(cmdArgument(input).text).toBe(expected);
    expect(readCmd(`curl ${expected}`)).toEqual(['curl', input]);
  });

  it('the C runtime rules, as documented', () => {
    // The table of "Parsing C command-line arguments" (learn.microsoft.com).
    expect(crtSplit('"a b c" d e')).toEqual(['a b c', 'd', 'e']);
    expect(crtSplit('"ab\\"c" "\\\\" d')).toEqual(['ab"c', '\\', 'd']);
    expect(crtSplit('a\\\\\\b d"e f"g h')).toEqual(['a\\\\\\b', 'de fg', 'h']);
    expect(crtSplit('a\\\\\\"b c d')).toEqual(['a\\"b', 'c', 'd']);
    expect(crtSplit('a\\\\\\\\"b c" d e')).toEqual(['a\\\\b c', 'd', 'e']);
    expect(crtQuote('a\\\\"b')).toBe('"a\\\\\\\\\\"b"');
  });

  it('DevTools-style escaping (carets inside bare quotes) reaches curl with carets left in: Chromium bug 1242803', () => {
    const devtools = `"${'sec-ch-ua: \\"x\\"'.replace(/[^a-zA-Z0-9\s_\-:=+~'/.',?;()*`&]/g, '^$&')}"`;
    expect(readCmd(`curl ${devtools}`)[1]).not.toBe('sec-ch-ua: "x"');
    expect(readCmd(`curl ${caretEscape(crtQuote('sec-ch-ua: "x"'))}`)[1]).toBe('sec-ch-ua: "x"');
  });

  it('drops and reports what cmd cannot carry', () => {
    const arg = cmdArgument('a\u0000b\rc\u0007d\te');
    expect(arg.text).toBe('^"abcd\te^"');
    expect([...arg.dropped].sort()).toEqual(['carriage-return', 'control', 'nul']);
    expect(cmdArgument(new Uint8Array([0x61, 0xff, 0x62])).dropped).toEqual(new Set(['invalid-utf8']));
    expect(cmdArgument('é').nonAscii).toBe(true);
  });

  const hostile = fc
    .array(
      fc.oneof(
        fc.constantFrom('"', '\\', '\\"', '\\\\', '%', '%PATH%', '%A%', '%A', '^', '^&', '&', '|', '<', '>', '(', ')', '!', ' ', '\t', '\n', ';', ',', '=', "'", '`', '$(x)', 'é', '😀'),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 10 },
    )
    .map((parts) => parts.join('').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));

  it('any carried string reads back exactly, next to other arguments (property)', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        expect(readCmd(`curl -H ${cmdArgument(a).text} ^\n  ${cmdArgument(b).text}`)).toEqual(['curl', '-H', a, b]);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('holds even when variables named like the text exist, except one ending in a caret', () => {
    expect(readCmd(cmdArgument('%A%').text, { A: 'x' })).toEqual(['%A%']);
    // The documented limit: a variable whose name ends with `^` would expand (none exists in practice).
    expect(readCmd(cmdArgument('%PATH%').text, ENV)).not.toEqual(['%PATH%']);
  });
});

/** PowerShell: reads back one string literal of the forms `powershellString` writes; throws on anything else. */
function readPowerShell(literal: string): string {
  if (literal.startsWith("'")) {
    const body = literal.slice(1, -1);
    if (!literal.endsWith("'") || /(^|[^'])'([^']|$)/.test(body.replace(/''/g, ''))) throw new Error('bad single-quoted string');
    return body.replace(/''/g, "'");
  }
  if (!literal.startsWith('"') || !literal.endsWith('"')) throw new Error('not a string literal');
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c === '`') {
      out += body[++i] ?? '';
    } else if (c === '$') {
      const sub = /^\$\(\[char\]0x([0-9A-F]{4})\)/.exec(body.slice(i));
      if (sub === null) throw new Error(`expansion at ${i}: ${body.slice(i, i + 10)}`);
      out += String.fromCharCode(parseInt(sub[1] ?? '', 16));
      i += sub[0].length - 1;
    } else if (c === '"' || /[\u2018-\u201e]/.test(c)) {
      throw new Error('unescaped quote');
    } else out += c;
  }
  return out;
}

describe('PowerShell string literals', { timeout: 60_000 }, () => {
  it.each([
    ['plain', 'abc', "'abc'"],
    ['dollar in plain ASCII stays verbatim', '$env:PATH', "'$env:PATH'"],
    ['single quote', "it's", '"it\'s"'],
    ['double quote, subexpression and backtick', 'a\'"$(calc)"`', '"a\'`"`$(calc)`"``"'],
    ['quotes and $ with nothing else special stay verbatim', 'a"$(calc)"`', '\'a"$(calc)"`\''],
    ['smart quotes', '\u2018x\u201d', '"$([char]0x2018)x$([char]0x201D)"'],
    ['line feed', 'a\nb', '"a$([char]0x000A)b"'],
    ['astral', '😀', '"$([char]0xD83D)$([char]0xDE00)"'],
    ['NUL', '\u0000', '"$([char]0x0000)"'],
  ])('%s', (_name, input, expected) => {
    expect(powershellString(input)).toBe(expected);
    expect(readPowerShell(expected)).toBe(input);
  });

  it('any string reads back exactly, and the literal is printable ASCII (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const literal = powershellString(s);
        expect(literal).toMatch(/^[\x20-\x7e]*$/);
        expect(readPowerShell(literal)).toBe(s);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
