/**
 * The contexts a page's requests come from besides the page itself — its workers and a frame of
 * another site — as the capture-contexts e2e tests run them, and who each browser's capture can
 * say made them (src/shared/capture/initiators.ts holds why).
 */
import type { BrowserName } from '../../src/shared/model/exchange.ts';
import type { RequestInitiator } from '../../src/shared/model/initiator.ts';
import type { ExchangeRecord } from '../../src/shared/protocol/messages.ts';

export type ContextName = 'dedicated' | 'module' | 'shared' | 'service' | 'cross-site-frame';

/** The lab call that runs scenario `id` in each context (fetch steps only, except in the frame). */
export const RUN_IN: Readonly<Record<ContextName, (id: string) => string>> = {
  dedicated: (id) => `window.labRunInWorker(${JSON.stringify(id)}, undefined, 'dedicated')`,
  module: (id) => `window.labRunInWorker(${JSON.stringify(id)}, undefined, 'module')`,
  shared: (id) => `window.labRunInWorker(${JSON.stringify(id)}, undefined, 'shared')`,
  service: (id) => `window.labRunInWorker(${JSON.stringify(id)}, undefined, 'service')`,
  'cross-site-frame': (id) => `window.labRunInFrame(${JSON.stringify(id)}, undefined, 'cross-site')`,
};

export const CONTEXTS = Object.keys(RUN_IN) as ContextName[];

/** Scenarios with fetch steps only: passing, blocked at the response, at the preflight, by credentials, by a redirect, and a preflight-cache hit. */
export const CONTEXT_SCENARIOS = [
  'simple-get-pass',
  'missing-acao-200',
  'acao-mismatch',
  'preflight-put-pass',
  'preflight-missing-acah-custom',
  'credentials-wildcard-acao',
  'redirect-cross-to-other-acao-star',
  'cache-max-age-60',
] as const;

type Who = Pick<RequestInitiator, 'kind' | 'orDedicatedWorker'>;

/**
 * Who made the requests of each context, as each browser's capture can tell. Chromium quirk: a
 * dedicated worker's requests carry its document's ids (the document is known to have started
 * one), and a tabless worker's only its origin. The service and shared workers are started while
 * recording, so Firefox saw their scripts' fetches.
 */
export const EXPECTED_INITIATOR: Readonly<Record<BrowserName, Readonly<Record<ContextName, Who>>>> = {
  chromium: {
    dedicated: { kind: 'page', orDedicatedWorker: true },
    module: { kind: 'page', orDedicatedWorker: true },
    shared: { kind: 'service-or-shared-worker' },
    service: { kind: 'service-or-shared-worker' },
    'cross-site-frame': { kind: 'frame' },
  },
  firefox: {
    dedicated: { kind: 'worker' },
    module: { kind: 'worker' },
    shared: { kind: 'shared-worker' },
    service: { kind: 'service-worker' },
    'cross-site-frame': { kind: 'frame' },
  },
};

/** Who a record says made it, in the shape of `EXPECTED_INITIATOR`. */
export function whoOf(record: ExchangeRecord): Who | null {
  if (record.initiator === undefined) return null;
  const { kind, orDedicatedWorker } = record.initiator;
  return { kind, ...(orDedicatedWorker === true ? { orDedicatedWorker } : {}) };
}
