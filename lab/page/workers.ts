/**
 * The lab page's side of its workers: runs a scenario inside a dedicated worker (classic or
 * module), a shared worker or the lab's service worker, each started on first use, and waits for
 * its `WorkerReply`. Requests from each kind of worker are what the extension must attribute to
 * this page's tab (Chromium reports a shared or service worker's requests with `tabId` −1).
 */
import type { StepResult } from '../types.ts';
import type { WorkerKind } from './globals.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

/** Sends one request through `post` and resolves with the matching reply from `listen`. */
type Channel = (request: WorkerRequest) => Promise<WorkerReply>;

let nextReq = 1;

/** A channel over an object with `postMessage`/`onmessage` (a dedicated worker, a shared worker's port). */
function portChannel(port: { postMessage(m: WorkerRequest): void; onmessage: ((e: MessageEvent<WorkerReply>) => void) | null }): Channel {
  const pending = new Map<number, (reply: WorkerReply) => void>();
  port.onmessage = (e) => {
    pending.get(e.data.reqId)?.(e.data);
    pending.delete(e.data.reqId);
  };
  return (request) =>
    new Promise((resolve) => {
      pending.set(request.reqId, resolve);
      port.postMessage(request);
    });
}

/** The page's service worker, registered on first use; resolves once it controls the page. */
async function serviceWorkerChannel(): Promise<Channel> {
  const container = navigator.serviceWorker;
  await container.register('/sw.js', { scope: '/' });
  const registration = await container.ready;
  if (container.controller === null) await new Promise((r) => container.addEventListener('controllerchange', r, { once: true }));
  const active = registration.active;
  if (active === null) throw new Error('the lab service worker did not activate');
  return (request) =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e: MessageEvent<WorkerReply>) => resolve(e.data);
      active.postMessage(request, [channel.port2]);
    });
}

const START: Readonly<Record<WorkerKind, () => Promise<Channel>>> = {
  dedicated: async () => portChannel(new Worker('/worker.js', { name: 'lab dedicated worker' })),
  module: async () => portChannel(new Worker('/module-worker.js', { type: 'module', name: 'lab module worker' })),
  shared: async () => {
    const worker = new SharedWorker('/shared-worker.js', { name: 'lab shared worker' });
    worker.port.start();
    return portChannel(worker.port);
  },
  service: serviceWorkerChannel,
};

const channels = new Map<WorkerKind, Promise<Channel>>();

/** Runs scenario `id` inside the worker of `kind` (fetch steps only). */
export async function runInWorker(kind: WorkerKind, id: string, run?: string): Promise<StepResult[]> {
  let channel = channels.get(kind);
  if (channel === undefined) {
    channel = START[kind]();
    channels.set(kind, channel);
    channel.catch(() => channels.delete(kind));
  }
  const reqId = nextReq++;
  const reply = await (await channel)(run === undefined ? { reqId, id } : { reqId, id, run });
  if ('error' in reply) throw new Error(reply.error);
  return reply.results;
}
