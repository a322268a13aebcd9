/** Feeds a worker connection's events and status into the store, one batch per animation frame. */
import { connectPanel, type WorkerConnection } from '../connection/index.ts';
import { setConnection, setCookieSetting } from '../state/actions.ts';
import { applyMessages } from '../state/apply-message.ts';
import { createEventBatcher } from '../state/event-batch.ts';
import type { PanelStore } from '../state/store.ts';

export function connectToWorker(store: PanelStore, tabId: number): WorkerConnection {
  const connection = connectPanel(tabId);
  const batcher = createEventBatcher((events) => applyMessages(store, events));
  connection.onEvent((event) => batcher.push(event));
  connection.onStatus((status) => {
    // Deltas received before a drop belong before the status change (and the next snapshot).
    batcher.flush();
    setConnection(store, status === 'closed' ? 'disconnected' : status);
    // read on every (re)connection: the user may have changed it meanwhile
    if (status === 'connected') connection.request('getCookieSetting').then((answer) => setCookieSetting(store, answer), () => undefined);
  });
  return connection;
}
