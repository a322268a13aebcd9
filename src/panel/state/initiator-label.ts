/** Who made a request, in words: the Initiator column's text and its tooltip. */
import type { InitiatorKind, RequestInitiator } from '../../shared/model/initiator.ts';

const LABELS: Readonly<Record<InitiatorKind, string>> = {
  page: 'page',
  frame: 'frame',
  worker: 'worker',
  'service-worker': 'service worker',
  'shared-worker': 'shared worker',
  'service-or-shared-worker': 'service/shared worker',
};

const EXPLANATIONS: Readonly<Record<InitiatorKind, string>> = {
  page: 'The tab’s page made this request.',
  frame: 'A frame in the tab made this request.',
  worker: 'A dedicated worker of the tab made this request.',
  'service-worker': 'The service worker of this origin made this request.',
  'shared-worker': 'A shared worker of this origin made this request.',
  'service-or-shared-worker':
    'A worker that belongs to no tab made this request: a service worker or a shared worker of this origin. The browser’s extension API does not say which, nor which page it served.',
};

/** The Initiator column's text: `page`, `page or worker`, `service worker (2 tabs)`, `—` when unknown (an imported HAR). */
export function initiatorLabel(who: RequestInitiator | null): string {
  if (who === null) return '—';
  const base = LABELS[who.kind];
  const orWorker = who.orDedicatedWorker === true ? ' or worker' : '';
  const shared = who.sharedByTabs !== undefined ? ` (${who.sharedByTabs} tabs)` : '';
  return `${base}${orWorker}${shared}`;
}

/** A sentence on who made it, with what the browser could not say. */
export function initiatorExplanation(who: RequestInitiator | null, origin: string | null): string {
  const from = origin !== null ? ` Origin: ${origin}.` : '';
  if (who === null) return `The recording does not say who made this request.${from}`;
  const parts = [EXPLANATIONS[who.kind]];
  if (who.url !== undefined) parts.push(`Script or document: ${who.url}.`);
  if (who.orDedicatedWorker === true) parts.push('It may also have been a dedicated worker that this document started: Chromium reports their requests as the document’s.');
  if (who.sharedByTabs !== undefined) parts.push(`It is shown in each of the ${who.sharedByTabs} inspected tabs with a page of this origin, since the browser does not say which one the worker served.`);
  return `${parts.join(' ')}${from}`;
}
