/**
 * Reading the HAR and writing the report, with every failure turned into a one-line message
 * (no stack traces).
 */
import { open, readFile, stat } from 'node:fs/promises';

export type FileResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** V8 strings top out near 512 MiB; a bigger HAR cannot be read as text. */
export const MAX_HAR_BYTES = 512 * 1024 * 1024;

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

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_HAR_BYTES) throw new RangeError('standard input is larger than 512 MiB');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The file's text (UTF-8), `-` meaning standard input. */
export async function readHarFile(path: string, stdin: NodeJS.ReadableStream): Promise<FileResult<string>> {
  try {
    if (path === '-') return { ok: true, value: await readStream(stdin) };
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, message: `${path} is a directory, not a file` };
    if (info.size > MAX_HAR_BYTES) {
      return { ok: false, message: `${path} is too large (${Math.round(info.size / 1048576)} MiB; the limit is 512 MiB)` };
    }
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
