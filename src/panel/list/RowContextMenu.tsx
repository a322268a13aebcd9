import { useEffect, useRef } from 'preact/hooks';
import { usePanel } from '../app/context.ts';
import { setFilterText } from '../state/actions.ts';
import { shownLog } from '../state/store.ts';
import { MenuButton } from './MenuButton.tsx';
import { rowMenuItems, type MenuItem } from './row-menu-items.ts';

export interface MenuAnchor {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** The row's context menu: a plain list of items (./row-menu-items.ts), closed by Esc or a click outside. */
export function RowContextMenu({ anchor, onClose }: { anchor: MenuAnchor; onClose: () => void }) {
  const { store, actions } = usePanel();
  const menu = useRef<HTMLDivElement>(null);
  const log = shownLog(store.get());
  const at = log.index.get(anchor.id);
  const record = at === undefined ? undefined : log.records[at];

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const close = (e: Event): void => {
      if (!(e.target instanceof Node) || !menu.current?.contains(e.target)) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);

  if (!record) return null;
  const items = rowMenuItems(record, {
    copy: (text) => void navigator.clipboard?.writeText(text),
    filter: (text) => setFilterText(store, text),
    exportReport: actions.exportReport,
  });
  const run = (item: MenuItem): void => {
    item.run();
    onClose();
  };
  return (
    <div
      ref={menu}
      class="context-menu"
      role="menu"
      aria-label="Exchange actions"
      style={{ left: `${anchor.x}px`, top: `${anchor.y}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
        }
      }}
    >
      {items.map((item) => (
        <MenuButton key={item.label} item={item} run={run} />
      ))}
    </div>
  );
}
