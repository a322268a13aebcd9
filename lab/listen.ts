/**
 * Binds one HTTP handler to the same port on 127.0.0.1 and ::1, so `http://localhost:<port>`
 * works whichever loopback address a browser picks (Chromium resolves localhost itself and may try
 * ::1 first; /etc/hosts here maps it to 127.0.0.1 only) and `http://127.0.0.1:<port>` works too.
 */
import { createServer, type RequestListener, type Server } from 'node:http';

export interface Bound {
  port: number;
  servers: Server[];
  close(): Promise<void>;
}

function listenOne(handler: RequestListener, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 2000;
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function code(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

const NO_IPV6 = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EPROTONOSUPPORT']);

async function bindBoth(handler: RequestListener, port: number): Promise<Bound> {
  const v4 = await listenOne(handler, port, '127.0.0.1');
  const actual = (v4.address() as { port: number }).port;
  const servers = [v4];
  try {
    servers.push(await listenOne(handler, actual, '::1'));
  } catch (err) {
    if (!NO_IPV6.has(code(err) ?? '')) {
      await closeServer(v4);
      throw err;
    }
  }
  return { port: actual, servers, close: async () => void (await Promise.all(servers.map(closeServer))) };
}

/**
 * `port` > 0: exactly that port (throws EADDRINUSE). `0`: any free port.
 * `preferred` (when `port` is undefined): try it, fall back to any free port.
 */
export async function listenLoopback(handler: RequestListener, port: number | undefined, preferred: number): Promise<Bound> {
  if (port !== undefined && port > 0) return bindBoth(handler, port);
  if (port === undefined) {
    try {
      return await bindBoth(handler, preferred);
    } catch (err) {
      if (code(err) !== 'EADDRINUSE') throw err;
    }
  }
  let last: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      return await bindBoth(handler, 0);
    } catch (err) {
      // the v4 port was free but ::1 had it taken: try another
      if (code(err) !== 'EADDRINUSE') throw err;
      last = err;
    }
  }
  throw last;
}
