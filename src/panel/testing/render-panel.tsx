/**
 * Renders the whole panel for component tests, on a fresh store, with recorded actions instead
 * of a worker connection.
 */
import { render } from '@testing-library/preact';
import type { LogRecord, TabState } from '../../shared/protocol/messages.ts';
import { App } from '../app/App.tsx';
import type { PanelActions } from '../app/context.ts';
import { applyMessage } from '../state/apply-message.ts';
import { createDerived } from '../state/derived.ts';
import { createPanelStore, type PanelState } from '../state/store.ts';
import { allFixtures } from './fixtures.ts';

export interface RecordedCall {
  readonly name: keyof PanelActions;
  readonly args: readonly unknown[];
}

export const TAB: TabState = { tabId: 7, recording: true, preserveLog: false, capacity: 5000, evicted: 0 };

export function renderPanel(
  opts: { records?: readonly LogRecord[]; state?: Partial<PanelState>; synced?: boolean; now?: number; resendInPage?: PanelActions['resendInPage'] } = {},
) {
  const store = createPanelStore({ tabId: 7, ...opts.state });
  if (opts.synced ?? true) applyMessage(store, { type: 'snapshot', state: TAB, records: opts.records ?? allFixtures() });
  const calls: RecordedCall[] = [];
  const actions: PanelActions = {
    setRecording: (...args) => calls.push({ name: 'setRecording', args }),
    setPreserveLog: (...args) => calls.push({ name: 'setPreserveLog', args }),
    clear: (...args) => calls.push({ name: 'clear', args }),
    importHar: (...args) => calls.push({ name: 'importHar', args }),
    cancelImport: (...args) => calls.push({ name: 'cancelImport', args }),
    exportReport: (...args) => calls.push({ name: 'exportReport', args }),
    reloadPage: (...args) => calls.push({ name: 'reloadPage', args }),
    resendInPage: opts.resendInPage ?? null,
  };
  const now = opts.now ?? 1_763_780_000_000;
  const result = render(<App store={store} derived={createDerived()} actions={actions} now={() => now} />);
  return { ...result, store, calls };
}
