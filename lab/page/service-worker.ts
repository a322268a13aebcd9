/**
 * /sw.js: the lab's service worker (scope `/`). It intercepts nothing; it runs a scenario's fetch
 * steps itself when a page asks (`WorkerRequest` over a MessageChannel port), so the requests are
 * the service worker's own, as when a worker syncs or prefetches from another origin.
 */
import { answerRequest, type WorkerRequest } from './worker-protocol.ts';

interface ExtendableMessage {
  readonly data: WorkerRequest;
  readonly ports: readonly MessagePort[];
  waitUntil(p: Promise<unknown>): void;
}

interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (e: { waitUntil(p: Promise<unknown>): void }) => void): void;
  addEventListener(type: 'message', listener: (e: ExtendableMessage) => void): void;
}

const scope = globalThis as unknown as ServiceWorkerScope;

scope.addEventListener('install', (e) => e.waitUntil(scope.skipWaiting()));
// Control the page that registered it at once, without a reload.
scope.addEventListener('activate', (e) => e.waitUntil(scope.clients.claim()));
scope.addEventListener('message', (e) => {
  const port = e.ports[0];
  if (port === undefined) return;
  e.waitUntil(answerRequest(e.data).then((reply) => port.postMessage(reply)));
});
