import { usePanel } from '../app/context.ts';
import { setFilterText } from '../state/actions.ts';
import { shownLog } from '../state/store.ts';
import { ContextMenu, type MenuAnchor } from './ContextMenu.tsx';
import { rowMenuItems } from './row-menu-items.ts';

export interface RowMenuAnchor extends MenuAnchor {
  readonly id: string;
}

/** The row's context menu: a plain list of items (./row-menu-items.ts). */
export function RowContextMenu({ anchor, onClose }: { anchor: RowMenuAnchor; onClose: () => void }) {
  const { store, actions } = usePanel();
  const log = shownLog(store.get());
  const at = log.index.get(anchor.id);
  const record = at === undefined ? undefined : log.records[at];
  if (!record) return null;
  const items = rowMenuItems(record, {
    copy: (text) => void navigator.clipboard?.writeText(text),
    filter: (text) => setFilterText(store, text),
    exportReport: actions.exportReport,
  });
  return <ContextMenu label="Exchange actions" anchor={anchor} items={items} onClose={onClose} />;
}
