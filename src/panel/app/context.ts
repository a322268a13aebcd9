/**
 * What every component reaches through context: the store, its derived state, and the actions
 * that leave the panel (worker requests, files). Provided once by <App>.
 */
import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { ExportRequest } from '../io/export-report.ts';
import type { Derived } from '../state/derived.ts';
import type { PanelState, PanelStore } from '../state/store.ts';

/** Side effects the panel asks for; main.tsx wires them to the worker connection and the DOM. */
export interface PanelActions {
  setRecording(recording: boolean): void;
  setPreserveLog(preserveLog: boolean): void;
  clear(): void;
  /** Reads a HAR file and shows its exchanges (or one clear error, leaving the log untouched). */
  importHar(file: File): void;
  /** Stops the import in progress; the shown log stays as it was. */
  cancelImport(): void;
  /** Downloads the report of the chosen exchanges, in the chosen format (JSON, Markdown, HTML). */
  exportReport(request: ExportRequest): void;
  /** Reloads the inspected page, so its first requests are recorded. */
  reloadPage(): void;
  /**
   * Evaluates `expression` in the inspected page and resolves true once the page was asked, false
   * when it could not be; null where there is no inspected page (the pop-out).
   */
  readonly resendInPage: ((expression: string) => Promise<boolean>) | null;
}

export interface PanelContextValue {
  readonly store: PanelStore;
  readonly derived: Derived;
  readonly actions: PanelActions;
  /** The clock (injected so tests and countdowns agree). */
  readonly now: () => number;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (value === null) throw new Error('usePanel() outside <PanelContext.Provider>');
  return value;
}

/** Subscribes to the slice `select` returns; re-renders only when it changes (Object.is). */
export function usePanelState<T>(select: (state: PanelState) => T): T {
  const { store } = usePanel();
  const selectRef = useRef(select);
  selectRef.current = select;
  const [value, setValue] = useState(() => select(store.get()));
  useEffect(() => {
    const sync = (): void => setValue(() => selectRef.current(store.get()));
    sync();
    return store.subscribe(sync);
  }, [store]);
  return value;
}
