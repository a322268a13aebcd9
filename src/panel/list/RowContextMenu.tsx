import { usePanel } from '../app/context.ts';
import { atAnchor, Menu, type MenuAnchor } from '../common/Menu.tsx';
import { copyAndTell } from '../io/copy-and-tell.ts';
import { copyShell, fixServer } from '../io/preferences.ts';
import { setFilterText } from '../state/actions.ts';
import { shownLog } from '../state/store.ts';
import { rowMenuItems } from './row-menu-items.ts';

export interface RowMenuAnchor extends MenuAnchor {
  readonly id: string;
}

/** The row's context menu (./row-menu-items.ts lists its entries), closed by Esc or a click outside. */
export function RowContextMenu({ anchor, onClose }: { anchor: RowMenuAnchor; onClose: () => void }) {
  const { store, actions, derived } = usePanel();
  const shell = copyShell.use();
  const log = shownLog(store.get());
  const at = log.index.get(anchor.id);
  const shown = at === undefined ? undefined : log.records[at];
  if (!shown) return null;
  const record = derived.evaluated(shown);
  const entries = rowMenuItems(record, shell, {
    copy: (text, what) => void copyAndTell(store, text, what),
    filter: (text) => setFilterText(store, text),
    chooseShell: (s) => copyShell.set(s),
    exportExchange: (format) => actions.exportReport({ records: [record], onlyBlocked: false, format, redact: true, server: fixServer.get() }),
  });
  return <Menu label="Exchange actions" entries={entries} onClose={onClose} style={atAnchor(anchor)} />;
}
