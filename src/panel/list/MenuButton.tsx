import type { MenuItem } from './row-menu-items.ts';

/** One item of a context menu. */
export function MenuButton({ item, run }: { item: MenuItem; run: (item: MenuItem) => void }) {
  return (
    <button type="button" role="menuitem" class={item.separatorBefore ? 'separated' : undefined} onClick={() => run(item)}>
      {item.label}
    </button>
  );
}
