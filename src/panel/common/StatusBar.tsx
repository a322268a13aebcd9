import { usePanel, usePanelState } from '../app/context.ts';
import { shownLog } from '../state/store.ts';
import './StatusBar.css';

/** Counts at the bottom, like the Network panel's summary bar. */
export function StatusBar() {
  const { derived } = usePanel();
  const visible = usePanelState((s) => derived.visible(s));
  const log = usePanelState((s) => shownLog(s));
  const tab = usePanelState((s) => s.tab);
  const imported = usePanelState((s) => s.imported !== null);
  const { blocked } = visible;
  return (
    <div class="status-bar" role="status" aria-live="polite" data-testid="status-bar">
      <span>
        {visible.records.length === log.records.length ? `${log.records.length} exchanges` : `${visible.records.length} / ${log.records.length} exchanges`}
      </span>
      <span class={blocked > 0 ? 'count-blocked' : undefined}>{blocked} blocked</span>
      {!imported && tab && !tab.recording && <span>recording paused</span>}
      {!imported && tab && tab.evicted > 0 && <span title={`Only the newest ${tab.capacity} are kept`}>{tab.evicted} older evicted</span>}
    </div>
  );
}
