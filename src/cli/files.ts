/**
 * Reading the HAR and writing the report, with every failure turned into a one-line message
 * (no stack traces).
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { getHeapStatistics } from 'node:v8';

export type FileResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** V8 strings top out near 512 MiB; a bigger HAR cannot be read as text. */
export const MAX_HAR_BYTES = 512 * 1024 * 1024;

/**
 * What analyzing a HAR costs the heap at its peak, measured (bench/README.md, "Memory budget"):
 * about 6 bytes per byte of HAR text (the text, and the values `JSON.parse` makes of it) plus about
 * 4 KiB per entry (its exchange, verdict and report row). Rounded up: refusing a file the heap could
 * just have held is better than V8's "FATAL ERROR" and a native stack.
 */
export const HEAP_PER_HAR_BYTE = 6;
export const HEAP_PER_ENTRY = 4096;

/** The heap this process may still allocate (V8's limit, `--max-old-space-size`, less what is in use). */
export function heapLeft(): number {
  const { heap_size_limit: limit, used_heap_size: used } = getHeapStatistics();
  return Math.max(0, limit - used);
}

/** The largest HAR this process can read and analyze: the string limit, or less on a small heap. */
export function harByteLimit(heap: number = heapLeft()): number {
  return Math.min(MAX_HAR_BYTES, Math.floor(heap / HEAP_PER_HAR_BYTE));
}

/** How many entries a HAR of `bytes` bytes may hold for the analysis to fit in `heap`. */
export function harEntryLimit(bytes: number, heap: number = heapLeft()): number {
  return Math.floor((heap - bytes * HEAP_PER_HAR_BYTE) / HEAP_PER_ENTRY);
}

function mib(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1048576))} MiB`;
}

function tooLarge(what: string, size: string, limit: number): string {
  const why = limit < MAX_HAR_BYTES ? 'what this process has memory for; node --max-old-space-size raises it' : 'the largest string V8 can hold';
  return `${what} is too large (${size}; the limit is ${mib(limit)}, ${why})`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code: unknown = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

function describe(error: unknown, path: string, verb: 'read' | 'write'): string {
  switch (errorCode(error)) {
    case 'ENOENT':
      return verb === 'read' ? `no such file: ${path}` : `cannot write ${path}: its folder does not exist`;
    case 'EISDIR':
      return `${path} is a directory, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied: cannot ${verb} ${path}`;
    default:
      return `cannot ${verb} ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Reads a stream of unknown length (standard input, a pipe, a device), stopping past `limit` bytes. */
async function readStream(stream: NodeJS.ReadableStream, what: string, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limit) {
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
      throw new RangeError(tooLarge(what, `over ${mib(limit)}`, limit));
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The file's text (UTF-8), `-` meaning standard input. Whatever the source — a regular file,
 * standard input, a pipe or a device such as /dev/zero — it is refused past `limit` bytes.
 */
export async function readHarFile(path: string, stdin: NodeJS.ReadableStream, limit: number = harByteLimit()): Promise<FileResult<string>> {
  try {
    if (path === '-') return { ok: true, value: await readStream(stdin, 'standard input', limit) };
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, message: `${path} is a directory, not a file` };
    // A device or a pipe reports no size (or a false one): read it up to the limit.
    if (!info.isFile()) return { ok: true, value: await readStream(createReadStream(path), path, limit) };
    if (info.size > limit) return { ok: false, message: tooLarge(path, mib(info.size), limit) };
    return { ok: true, value: await readFile(path, 'utf8') };
  } catch (error) {
    return { ok: false, message: error instanceof RangeError ? error.message : describe(error, path, 'read') };
  }
}

/** A writable stream as the CLI uses it (process.stdout in production). */
export interface OutputStream {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  readonly isTTY?: boolean;
}

/** Writes chunks in order, waiting for 'drain' when the stream's buffer is full. */
export async function writeChunks(stream: OutputStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await new Promise<void>((resume) => stream.once('drain', resume));
  }
}

/** Writes the report to `path` chunk by chunk (a large report is never one string). */
export async function writeReportFile(path: string, chunks: Iterable<string>): Promise<FileResult<null>> {
  try {
    const handle = await open(path, 'w');
    try {
      for (const chunk of chunks) await handle.write(chunk, null, 'utf8');
    } finally {
      await handle.close();
    }
    return { ok: true, value: null };
  } catch (error) {
    return { ok: false, message: describe(error, path, 'write') };
  }
}
