/**
 * Requests over a port: the panel calls `request(name, ...params)`, the worker answers with one
 * `response` envelope carrying the same id. Parameters are validated at the worker's boundary by
 * `REQUEST_PARAMS` before any handler sees them; errors cross as strings, never as thrown objects.
 */
import {
  isEnvelope,
  PROTOCOL_SOURCE,
  type Envelope,
  type PanelRequests,
  type RequestName,
} from './messages.ts';
import type { PortLike } from './port.ts';

export type RequestParams<N extends RequestName> = Parameters<PanelRequests[N]>;
export type RequestResult<N extends RequestName> = ReturnType<PanelRequests[N]>;

/** Runtime guards for each request's parameters. */
export const REQUEST_PARAMS: { readonly [N in RequestName]: (params: readonly unknown[]) => params is RequestParams<N> } = {
  setRecording: (p): p is [boolean] => p.length === 1 && typeof p[0] === 'boolean',
  setPreserveLog: (p): p is [boolean] => p.length === 1 && typeof p[0] === 'boolean',
  setCapacity: (p): p is [number] => p.length === 1 && typeof p[0] === 'number' && Number.isInteger(p[0]) && p[0] > 0,
  clear: (p): p is [] => p.length === 0,
  getSnapshot: (p): p is [] => p.length === 0,
  ping: (p): p is [] => p.length === 0,
  getCookieSetting: (p): p is [] => p.length === 0,
};

export type RequestHandlers = {
  readonly [N in RequestName]: (...params: RequestParams<N>) => RequestResult<N> | Promise<RequestResult<N>>;
};

export function requestEnvelope<N extends RequestName>(id: number, name: N, params: RequestParams<N>): Envelope {
  return { source: PROTOCOL_SOURCE, kind: 'request', id, name, params };
}

/** Answers one request envelope with `handlers`; never throws. */
export async function answerRequest(
  envelope: Extract<Envelope, { kind: 'request' }>,
  handlers: RequestHandlers,
): Promise<Extract<Envelope, { kind: 'response' }>> {
  const base = { source: PROTOCOL_SOURCE, kind: 'response', id: envelope.id } as const;
  try {
    const result = await dispatch(envelope.name, envelope.params, handlers);
    return { ...base, ok: true, result };
  } catch (error) {
    return { ...base, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function dispatch<N extends RequestName>(name: N, params: readonly unknown[], handlers: RequestHandlers): unknown {
  const guard = REQUEST_PARAMS[name] as (p: readonly unknown[]) => p is RequestParams<N>;
  if (!guard(params)) throw new Error(`invalid parameters for ${name}`);
  const handler = handlers[name] as (...p: RequestParams<N>) => unknown;
  return handler(...params);
}

/**
 * Serves requests arriving on `port`. Non-envelopes and non-requests are ignored (events are
 * handled elsewhere). Returns a function that stops serving.
 */
export function serveRequests(port: PortLike, handlers: RequestHandlers): () => void {
  const listener = (message: unknown): void => {
    if (!isEnvelope(message) || message.kind !== 'request') return;
    void answerRequest(message, handlers).then((response) => {
      try {
        port.postMessage(response);
      } catch {
        // The panel went away before the answer: nothing to deliver.
      }
    });
  };
  port.onMessage.addListener(listener);
  return () => port.onMessage.removeListener(listener);
}
