/**
 * A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe`: the browser reads
 * commands on its file descriptor 3 and writes responses and events on 4, each message one JSON
 * text ended by a NUL byte. The pipe (not a port) is what the `Extensions` domain needs
 * (`Extensions.loadUnpacked`, available "if the client is connected using the
 * --remote-debugging-pipe flag and the --enable-unsafe-extension-debugging flag is set",
 * https://chromedevtools.github.io/devtools-protocol/tot/Extensions/).
 *
 * Flat sessions: a command for an attached target carries its `sessionId`, and so do its events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export type CdpParams = Record<string, unknown>;
export type CdpHandler = (params: CdpParams, sessionId: string | undefined) => void;

export interface CdpPipe {
  /** Sends a command (to the browser, or to the target of `sessionId`) and resolves with its result. */
  send<T = CdpParams>(method: string, params?: CdpParams, sessionId?: string): Promise<T>;
  /** Calls `handler` on every event named `method`; returns the unsubscribe. */
  on(method: string, handler: CdpHandler): () => void;
  readonly process: ChildProcess;
  /** Resolves when the browser exits (the pipe closes with it). */
  readonly exited: Promise<void>;
  /** Asks the browser to close, and kills it if it has not after a few seconds. */
  close(): Promise<void>;
}

export class CdpError extends Error {}

interface Pending {
  readonly resolve: (result: CdpParams) => void;
  readonly reject: (error: Error) => void;
  readonly method: string;
}

function isRecord(v: unknown): v is CdpParams {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Starts `executable` with `args` plus `--remote-debugging-pipe`, and connects to it. */
export function launchWithPipe(executable: string, args: readonly string[], options: { stderr?: 'inherit' | 'ignore' } = {}): CdpPipe {
  const child = spawn(executable, [...args, '--remote-debugging-pipe'], { stdio: ['ignore', 'ignore', options.stderr ?? 'ignore', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, Pending>();
  const handlers = new Map<string, Set<CdpHandler>>();
  let nextId = 1;
  let buffer = '';
  let closed = false;

  const exited = new Promise<void>((resolve) => {
    child.on('exit', () => {
      closed = true;
      for (const p of pending.values()) p.reject(new CdpError(`${p.method}: the browser exited`));
      pending.clear();
      resolve();
    });
    child.on('error', (error) => {
      closed = true;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      resolve();
    });
  });

  const dispatch = (text: string): void => {
    const message: unknown = JSON.parse(text);
    if (!isRecord(message)) return;
    const { id, method, params, sessionId, result, error } = message;
    if (typeof id === 'number') {
      const waiting = pending.get(id);
      if (waiting === undefined) return;
      pending.delete(id);
      if (isRecord(error)) waiting.reject(new CdpError(`${waiting.method}: ${String(error['message'])}`));
      else waiting.resolve(isRecord(result) ? result : {});
      return;
    }
    if (typeof method !== 'string') return;
    for (const handler of handlers.get(method) ?? []) handler(isRecord(params) ? params : {}, typeof sessionId === 'string' ? sessionId : undefined);
  };

  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    buffer += chunk;
    let end = buffer.indexOf('\0');
    while (end !== -1) {
      const text = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (text !== '') dispatch(text);
      end = buffer.indexOf('\0');
    }
  });
  // The pipe breaks when the browser goes; the exit handler reports it.
  fromBrowser.on('error', () => undefined);
  toBrowser.on('error', () => undefined);

  const send = <T>(method: string, params: CdpParams = {}, sessionId?: string): Promise<T> => {
    if (closed) return Promise.reject(new CdpError(`${method}: the browser is not running`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (r: CdpParams) => void, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId !== undefined ? { sessionId } : {}) })}\0`);
    });
  };

  return {
    send,
    on(method, handler) {
      let set = handlers.get(method);
      if (set === undefined) {
        set = new Set();
        handlers.set(method, set);
      }
      set.add(handler);
      return () => set.delete(handler);
    },
    process: child,
    exited,
    async close() {
      if (closed) return;
      await send('Browser.close').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
