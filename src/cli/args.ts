/**
 * Command-line arguments → a command, or a usage error. Uses `node:util` `parseArgs` (strict:
 * unknown flags are errors) and never throws.
 */
import { parseArgs } from 'node:util';
import { FRAMEWORKS, type Framework } from '../shared/cors/content/snippets.ts';

export type OutputFormat = 'text' | 'json' | 'md' | 'html';

export interface AnalyzeCommand {
  readonly kind: 'analyze';
  readonly file: string;
  readonly format: OutputFormat;
  readonly out: string | null;
  /** Credentials redacted (the default); `--no-redact` turns it off. */
  readonly redact: boolean;
  /** `--only blocked`: list only blocked exchanges. */
  readonly onlyBlocked: boolean;
  /** `--server <name>`: print that server's configuration snippet with each fix. */
  readonly server: Framework | null;
}

export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'version' } | AnalyzeCommand;

export type ParsedArgs = { readonly ok: true; readonly command: CliCommand } | { readonly ok: false; readonly message: string };

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'md', 'html'];

function isFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

function isFramework(value: string): value is Framework {
  return (FRAMEWORKS as readonly string[]).includes(value);
}

/** Node's parseArgs messages carry advice after the first sentence; keep the first. */
function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return (end === -1 ? message : message.slice(0, end)).replace(/\.$/, '');
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    return { ok: false, message: firstSentence(error instanceof Error ? error.message : String(error)) };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { ok: true, command: { kind: 'help' } };
  if (values.version === true) return { ok: true, command: { kind: 'version' } };
  const [command, ...rest] = positionals;
  if (command === undefined) return { ok: false, message: 'missing command: use "analyze <file.har>"' };
  if (command !== 'analyze') return { ok: false, message: `unknown command "${command}": use "analyze <file.har>"` };
  const [file, ...extra] = rest;
  if (file === undefined) return { ok: false, message: 'missing HAR file: use "analyze <file.har>" ("-" reads standard input)' };
  if (extra.length > 0) return { ok: false, message: `unexpected argument "${extra[0] ?? ''}": analyze takes one HAR file` };
  const format = values.format ?? 'text';
  if (!isFormat(format)) return { ok: false, message: `unknown format "${format}": use --format text, json, md or html` };
  const out = values.out ?? null;
  if (out === '') return { ok: false, message: '--out needs a file name' };
  const only = values.only ?? null;
  if (only !== null && only !== 'blocked') return { ok: false, message: `unknown --only "${only}": use --only blocked` };
  const server = values.server ?? null;
  if (server !== null && !isFramework(server)) return { ok: false, message: `unknown server "${server}": use one of ${FRAMEWORKS.join(', ')}` };
  return {
    ok: true,
    command: { kind: 'analyze', file, format, out, redact: values['no-redact'] !== true, onlyBlocked: only === 'blocked', server },
  };
}

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      'no-redact': { type: 'boolean' },
      only: { type: 'string' },
      server: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'V' },
    },
  });
}
