import { useEffect, useRef } from 'preact/hooks';
import { MenuButton } from './MenuButton.tsx';
import type { MenuItem } from './row-menu-items.ts';
import './ContextMenu.css';

export interface MenuAnchor {
  readonly x: number;
  readonly y: number;
}

export interface ContextMenuProps {
  readonly label: string;
  readonly anchor: MenuAnchor;
  readonly items: readonly MenuItem[];
  readonly onClose: () => void;
}

/**
 * A context menu at `anchor`: its first item takes focus, the arrows move between items, Esc or a
 * click outside closes it, and running an item closes it (a checkbox item keeps it open).
 */
export function ContextMenu({ label, anchor, items, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
    const close = (e: Event): void => {
      if (!(e.target instanceof Node) || !menu.current?.contains(e.target)) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);

  const run = (item: MenuItem): void => {
    item.run();
    if (item.checked === undefined) onClose();
  };
  return (
    <div
      ref={menu}
      class="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: `${anchor.x}px`, top: `${anchor.y}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
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
