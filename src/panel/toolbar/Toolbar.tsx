import type { RefObject } from 'preact';
import { usePanel, usePanelState } from '../app/context.ts';
import { setFailuresOnly } from '../state/actions.ts';
import { Icon } from '../common/Icon.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { FilterBox } from './FilterBox.tsx';
import { ImportButton } from './ImportButton.tsx';
import { ViewSwitch } from './ViewSwitch.tsx';
import './Toolbar.css';

/** The Network-panel-like toolbar: record, clear, preserve log | filter, failures only | import, export | views. */
export function Toolbar({ filterRef }: { filterRef: RefObject<HTMLInputElement | null> }) {
  const { store, actions } = usePanel();
  const recording = usePanelState((s) => s.tab?.recording ?? true);
  const preserveLog = usePanelState((s) => s.tab?.preserveLog ?? false);
  const failuresOnly = usePanelState((s) => s.failuresOnly);
  const live = usePanelState((s) => s.imported === null && s.tabId !== null);
  return (
    <div class="toolbar" role="toolbar" aria-label="CORS panel toolbar">
      <button
        type="button"
        class={`tool-button record${recording ? ' on' : ''}`}
        aria-pressed={recording}
        aria-label={recording ? 'Stop recording' : 'Record'}
        title={recording ? 'Stop recording CORS exchanges' : 'Record CORS exchanges'}
        disabled={!live}
        onClick={() => actions.setRecording(!recording)}
      >
        <Icon name={recording ? 'record' : 'stop'} />
      </button>
      <button type="button" class="tool-button" aria-label="Clear" title="Clear the log" disabled={!live} onClick={() => actions.clear()}>
        <Icon name="clear" />
      </button>
      <span class="tool-separator" />
      <label class="tool-check" title="Keep the log across page loads">
        <input type="checkbox" checked={preserveLog} disabled={!live} onChange={(e) => actions.setPreserveLog(e.currentTarget.checked)} />
        Preserve log
      </label>
      <span class="tool-separator" />
      <FilterBox inputRef={filterRef} />
      <label class="tool-check" title="Show only blocked exchanges">
        <input type="checkbox" checked={failuresOnly} onChange={(e) => setFailuresOnly(store, e.currentTarget.checked)} />
        Failures only
      </label>
      <span class="tool-separator" />
      <ImportButton />
      <ExportMenu />
      <span class="tool-spacer" />
      <ViewSwitch />
    </div>
  );
}
