import { afterEach, describe, expect, it } from 'vitest';
import { listenLoopback, type Bound } from './listen.ts';

const open: Bound[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
});
const ok = (_req: unknown, res: { end(s: string): void }): void => res.end('ok');

describe('listenLoopback', () => {
  it('port 0 binds the same free port on 127.0.0.1 and ::1', async () => {
    const b = await listenLoopback(ok, 0, 1);
    open.push(b);
    expect(b.port).toBeGreaterThan(0);
    const addrs = b.servers.map((s) => s.address()).map((a) => (a && typeof a === 'object' ? `${a.address}:${a.port}` : ''));
    expect(addrs[0]).toBe(`127.0.0.1:${b.port}`);
    if (addrs[1]) expect(addrs[1]).toBe(`::1:${b.port}`);
  });

  it('falls back from a busy preferred port to a free one', async () => {
    const busy = await listenLoopback(ok, 0, 1);
    open.push(busy);
    const b = await listenLoopback(ok, undefined, busy.port);
    open.push(b);
    expect(b.port).not.toBe(busy.port);
    expect(await (await fetch(`http://127.0.0.1:${b.port}/`)).text()).toBe('ok');
  });

  it('uses the preferred port when it is free', async () => {
    const probe = await listenLoopback(ok, 0, 1);
    const port = probe.port;
    await probe.close();
    const b = await listenLoopback(ok, undefined, port);
    open.push(b);
    expect(b.port).toBe(port);
  });
});
