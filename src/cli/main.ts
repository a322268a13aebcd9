/**
 * `cors-inspector analyze <file.har> [--format text|json|md|html] [--out FILE] [--only blocked]
 * [--server NAME] [--no-redact]`.
 *
 * Exit status: 0 nothing blocked, 1 at least one exchange blocked, 2 usage error or unusable
 * input — reported as one line on stderr, never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { Redaction } from '../shared/handoff/redact.ts';
import { analyzeHarTextParts, type HarSource } from '../shared/report/analyze-har.ts';
import { reportOf, type ReportParts } from '../shared/report/build.ts';
import { onlyBlockedParts } from '../shared/report/groups.ts';
import { renderHtml } from '../shared/report/html.ts';
import { jsonChunksOf } from '../shared/report/json.ts';
import { renderMarkdown } from '../shared/report/markdown.ts';
import { ANSI, PLAIN } from '../shared/report/style.ts';
import { textChunks } from '../shared/report/text.ts';
import { parseCliArgs, type AnalyzeCommand } from './args.ts';
import { shouldUseColor } from './color.ts';
import { EXIT_BLOCKED, EXIT_ERROR, EXIT_OK, oneLine } from './errors.ts';
import { harByteLimit, harEntryLimit, heapLeft, readHarFile, writeChunks, writeReportFile, type OutputStream } from './files.ts';
import { HELP } from './help.ts';
import { CLI_NAME, CLI_VERSION } from './version.ts';

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: { write(text: string): unknown };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  /** Salt of the redaction hashes; a fresh random one per report by default (see redact.ts). */
  readonly salt?: () => string;
  /**
   * Told the exit status as soon as the verdicts are known, before the report is written, so a
   * reader that closes the pipe early (`… | head`) still gets the verdict's status.
   */
  readonly statusKnown?: (status: number) => void;
}

function fail(io: CliIo, message: string): number {
  io.stderr.write(`${CLI_NAME}: ${oneLine(message)}\n`);
  return EXIT_ERROR;
}

/** The report's text. JSON is written row by row as the rows are built, so no row is kept. */
function render(parts: ReportParts, command: AnalyzeCommand, color: boolean): Iterable<string> {
  const server = command.server === null ? {} : { server: command.server };
  switch (command.format) {
    case 'json':
      return jsonChunksOf(parts.envelope, parts.rows);
    case 'md':
      return [renderMarkdown(reportOf(parts), server)];
    case 'html':
      return [renderHtml(reportOf(parts), server)];
    case 'text':
      return textChunks(reportOf(parts), { style: color ? ANSI : PLAIN, ...server });
    default: {
      const never: never = command.format;
      return never;
    }
  }
}

/** The HAR's text, handed over in a `HarSource` (this frame, which read it, ends here). */
async function readSource(command: AnalyzeCommand, io: CliIo, heap: number): Promise<{ readonly ok: true; readonly source: HarSource; readonly bytes: number } | { readonly ok: false; readonly message: string }> {
  const input = await readHarFile(command.file, io.stdin, harByteLimit(heap));
  return input.ok ? { ok: true, source: { text: input.value }, bytes: Buffer.byteLength(input.value) } : input;
}

/** Reads and analyzes the HAR; the text is let go once parsed (see `HarSource`). */
async function analyzeInput(command: AnalyzeCommand, io: CliIo): Promise<{ readonly ok: true; readonly value: ReportParts } | { readonly ok: false; readonly message: string }> {
  // Measured once, before the file is read: the text and everything made of it must fit.
  const heap = heapLeft();
  const input = await readSource(command, io, heap);
  if (!input.ok) return input;
  const file = command.file === '-' ? undefined : command.file;
  const analyzed = analyzeHarTextParts(input.source, {
    maxEntries: harEntryLimit(input.bytes, heap),
    ...(file !== undefined && { file }),
    generator: { name: CLI_NAME, version: CLI_VERSION },
    generatedAt: io.now(),
    redaction: command.redact ? new Redaction(io.salt?.() ?? randomBytes(16).toString('hex')) : null,
  });
  if (analyzed.ok) return analyzed;
  const { message, path } = analyzed.error;
  return { ok: false, message: `${file ?? 'standard input'}: ${message}${path === null ? '' : ` (at ${path})`}` };
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) return fail(io, `${parsed.message} (see ${CLI_NAME} --help)`);
  const { command } = parsed;
  if (command.kind === 'help') {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    io.stdout.write(`${CLI_VERSION}\n`);
    return EXIT_OK;
  }

  const analyzed = await analyzeInput(command, io);
  if (!analyzed.ok) return fail(io, analyzed.message);
  const report = command.onlyBlocked ? onlyBlockedParts(analyzed.value) : analyzed.value;
  const status = report.envelope.summary.blocked > 0 ? EXIT_BLOCKED : EXIT_OK;
  io.statusKnown?.(status);

  const toFile = command.out !== null;
  const color = shouldUseColor({ env: io.env, isTTY: io.stdout.isTTY === true, toFile });
  const chunks = render(report, command, color);
  if (command.out !== null) {
    const written = await writeReportFile(command.out, chunks);
    if (!written.ok) return fail(io, written.message);
  } else {
    await writeChunks(io.stdout, chunks);
  }
  return status;
}
