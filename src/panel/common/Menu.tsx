import type { CSSProperties, RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import './Menu.css';
import { rovingIndex } from './roving.ts';

interface EntryBase {
  readonly label: string;
  /** Draw a separator above this entry (starts a group). */
  readonly separatorBefore?: boolean;
}

/**
 * One entry of a menu, as data. An action runs and closes the menu; a radio or check changes a
 * choice and leaves it open (as DevTools' own menus do); a heading names the group below it.
 */
export type MenuEntry =
  | (EntryBase & {
      readonly kind: 'action';
      readonly run: () => void;
      readonly disabled?: boolean;
      /** A few words under the label: what is rebuilt or missing, why it is disabled. */
      readonly remark?: string | null;
      readonly title?: string | null;
    })
  | (EntryBase & { readonly kind: 'radio'; readonly checked: boolean; readonly select: () => void; readonly disabled?: boolean })
  | (EntryBase & { readonly kind: 'check'; readonly checked: boolean; readonly toggle: () => void; readonly disabled?: boolean })
  | (EntryBase & { readonly kind: 'heading' });

/** Where a context menu opens: the pointer, or the focused element's corner (viewport px). */
export interface MenuAnchor {
  readonly x: number;
  readonly y: number;
}

/** The style that places a context menu at `anchor`. */
export function atAnchor(anchor: MenuAnchor): CSSProperties {
  return { left: `${anchor.x}px`, top: `${anchor.y}px` };
}

export interface MenuProps {
  readonly label: string;
  readonly entries: readonly MenuEntry[];
  readonly onClose: () => void;
  readonly class?: string;
  readonly style?: CSSProperties;
  /** An element that counts as inside (the button that opened the menu). */
  readonly anchorRef?: RefObject<HTMLElement | null>;
}

const ITEMS = 'button:not([disabled])';
/** Room kept between a menu and the window's edges (px). */
const MARGIN = 4;

/** An ARIA menu: ↑/↓/Home/End move, Esc or a click outside closes, the first enabled entry takes focus. */
export function Menu({ label, entries, onClose, class: className, style, anchorRef }: MenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  // Kept inside the window: a menu opened near the bottom or right edge moves up or left.
  useLayoutEffect(() => {
    const el = menu.current;
    if (!el) return;
    el.style.transform = '';
    const r = el.getBoundingClientRect();
    const dx = Math.min(0, window.innerWidth - MARGIN - r.right);
    const dy = Math.min(0, window.innerHeight - MARGIN - r.bottom);
    el.style.transform = dx === 0 && dy === 0 ? '' : `translate(${Math.max(dx, MARGIN - r.left)}px, ${Math.max(dy, MARGIN - r.top)}px)`;
  });
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>(ITEMS)?.focus();
    const close = (e: Event): void => {
      const inside = (el: HTMLElement | null | undefined): boolean => e.target instanceof Node && el?.contains(e.target) === true;
      if (!inside(menu.current) && !inside(anchorRef?.current)) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose, anchorRef]);

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
      return;
    }
    const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>(ITEMS) ?? [])];
    const next = rovingIndex(e.key, buttons.indexOf(document.activeElement as HTMLButtonElement), buttons.length, 'vertical');
    if (next === -1) return;
    e.preventDefault();
    buttons[next]?.focus();
  };

  return (
    <div ref={menu} class={`context-menu ${className ?? ''}`} role="menu" aria-label={label} style={style} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <MenuEntryView key={`${entry.kind}:${entry.label}`} entry={entry} onClose={onClose} />
      ))}
    </div>
  );
}

function MenuEntryView({ entry, onClose }: { entry: MenuEntry; onClose: () => void }) {
  const separated = entry.separatorBefore ? 'separated' : '';
  switch (entry.kind) {
    case 'heading':
      return (
        <div role="presentation" class={`menu-heading ${separated}`}>
          {entry.label}
        </div>
      );
    case 'radio':
    case 'check':
      return (
        <button
          type="button"
          role={entry.kind === 'radio' ? 'menuitemradio' : 'menuitemcheckbox'}
          aria-checked={entry.checked}
          class={`menu-choice ${separated}`}
          disabled={entry.disabled}
          onClick={() => (entry.kind === 'radio' ? entry.select() : entry.toggle())}
        >
          <span class="menu-mark" aria-hidden="true">
            {entry.checked ? (entry.kind === 'radio' ? '●' : '✓') : ''}
          </span>
          {entry.label}
        </button>
      );
    case 'action':
      return (
        <button
          type="button"
          role="menuitem"
          aria-label={entry.label}
          class={separated}
          disabled={entry.disabled}
          title={entry.title ?? undefined}
          onClick={() => {
            entry.run();
            onClose();
          }}
        >
          {entry.label}
          {entry.remark && <span class="menu-remark">{entry.remark}</span>}
        </button>
      );
    default: {
      const never: never = entry;
      return never;
    }
  }
}
