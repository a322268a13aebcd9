/**
 * The panel's side effects: worker requests (answered `TabState`s go through the reducer as
 * `state` events), HAR import and report export. Failures become one notice, never a throw.
 */
import type { WorkerConnection } from '../connection/index.ts';
import { importHarFile } from '../io/import-har.ts';
import { exportReport } from '../io/export-report.ts';
import { setImporting, showImported, showNotice } from '../state/actions.ts';
import { applyMessage } from '../state/apply-message.ts';
import { shownCookieSetting } from '../state/cookies.ts';
import type { PanelStore } from '../state/store.ts';
import type { PanelActions } from './context.ts';

/** Marked when an import starts, and when its records are evaluated, just before they reach the store. */
export const IMPORT_START_MARK = 'cors-panel:import-start';
export const IMPORT_READY_MARK = 'cors-panel:import-ready';

/** Resolves after the next frame, so a notice set just before is painted before heavy work. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Evaluates an expression in the inspected page (DevTools), its value or undefined when it threw. */
export type PageEvaluator = (expression: string) => Promise<unknown> | null;

export function createPanelActions(
  store: PanelStore,
  connection: WorkerConnection | null,
  reload: () => void = () => undefined,
  evaluate: PageEvaluator | null = null,
): PanelActions {
  const fail = (what: string) => (error: unknown) => showNotice(store, { kind: 'error', text: `${what}: ${message(error)}` });
  let importing: AbortController | null = null;
  return {
    setRecording(recording) {
      connection?.request('setRecording', recording).then((state) => applyMessage(store, { type: 'state', state }), fail('Could not change recording'));
    },
    setPreserveLog(preserveLog) {
      connection?.request('setPreserveLog', preserveLog).then((state) => applyMessage(store, { type: 'state', state }), fail('Could not change “Preserve log”'));
    },
    clear() {
      connection?.request('clear').then(() => undefined, fail('Could not clear the log'));
    },
    importHar(file) {
      performance.mark(IMPORT_START_MARK);
      importing?.abort();
      const controller = new AbortController();
      importing = controller;
      const name = file.name;
      setImporting(store, { name, done: 0, total: null });
      const onProgress = (done: number, total: number): void => {
        if (!controller.signal.aborted) setImporting(store, { name, done, total });
      };
      void nextFrame()
        .then(() => importHarFile(file, { onProgress, signal: controller.signal }))
        .then((result) => {
          if (result === null || controller.signal.aborted) return;
          importing = null;
          setImporting(store, null);
          if (!result.ok) {
            showNotice(store, { kind: 'error', text: result.message });
            return;
          }
          // User Timing marks: the benchmark (bench/panel.ts) and DevTools' Performance panel read them.
          performance.mark(IMPORT_READY_MARK, { detail: { exchanges: result.records.length } });
          showImported(store, file.name, result.records);
        });
    },
    cancelImport() {
      const name = store.get().importing?.name;
      importing?.abort();
      importing = null;
      setImporting(store, null);
      if (name !== undefined) showNotice(store, { kind: 'info', text: `Import of ${name} cancelled; the log is unchanged.` });
    },
    reloadPage() {
      reload();
    },
    resendInPage:
      evaluate === null
        ? null
        : // Chromium's eval did not hand back the expression's `true` here (seen in the DevTools e2e), so
          // only a page that could not be asked counts as not sent; the verdict comes from the capture.
          (expression) => (evaluate(expression) ?? Promise.reject(new Error('no inspected page'))).then(() => true, () => false),
    exportReport(request) {
      const state = store.get();
      try {
        const source = state.imported ? { kind: 'har' as const, file: state.imported.name } : { kind: 'extension' as const };
        exportReport(request, source, new Date(), shownCookieSetting(state));
      } catch (error) {
        fail('Could not export the report')(error);
      }
    },
  };
}
