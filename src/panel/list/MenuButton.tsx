import type { MenuItem } from './row-menu-items.ts';

/** One item of a context menu: a command, or a checkbox (`checked` set). */
export function MenuButton({ item, run }: { item: MenuItem; run: (item: MenuItem) => void }) {
  const checkbox = item.checked !== undefined;
  return (
    <button
      type="button"
      role={checkbox ? 'menuitemcheckbox' : 'menuitem'}
      aria-checked={checkbox ? item.checked : undefined}
      class={item.separatorBefore ? 'separated' : undefined}
      disabled={item.disabled}
      onClick={() => run(item)}
    >
      {checkbox && (
        <span class="menu-check" aria-hidden="true">
          {item.checked ? '✓' : ''}
        </span>
      )}
      {item.label}
    </button>
  );
}
