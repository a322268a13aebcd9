import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { atAnchor, Menu, type MenuAnchor, type MenuEntry } from '../common/Menu.tsx';
import { resetColumns, setColumnHidden, setSort } from '../state/list-actions.ts';
import type { ColumnId } from '../state/list-prefs.ts';
import { nextSort } from '../state/sort.ts';
import { COLUMNS, type ShownColumn } from './columns.tsx';
import { ResizeHandle } from './ResizeHandle.tsx';
import './ExchangeRow.css';
import './ListHeader.css';

const ARROWS = { ascending: '▲', descending: '▼' } as const;

export interface ListHeaderProps {
  readonly columns: readonly ShownColumn[];
  /** The header's scroller, kept aligned with the list's when it scrolls sideways. */
  readonly scrollerRef: RefObject<HTMLDivElement | null>;
}

/**
 * Column headers, as in DevTools' Network panel: a click sorts (ascending, descending, none), the
 * edge between two headers resizes (drag, or the arrow keys on it), and the context menu (right
 * click, Shift+F10, the menu key) shows or hides columns.
 */
export function ListHeader({ columns, scrollerRef }: ListHeaderProps) {
  const { store } = usePanel();
  const sort = usePanelState((s) => s.list.sort);
  const hidden = usePanelState((s) => s.list.hidden);
  const [menu, setMenu] = useState<MenuAnchor | null>(null);

  const entries: MenuEntry[] = [
    ...COLUMNS.map(
      (c): MenuEntry => ({
        kind: 'check',
        label: c.title,
        checked: !hidden.includes(c.id),
        disabled: !c.hideable,
        toggle: () => setColumnHidden(store, c.id, !hidden.includes(c.id)),
      }),
    ),
    { kind: 'action', label: 'Reset columns', run: () => resetColumns(store), separatorBefore: true },
  ];

  const sortLabel = (id: ColumnId, title: string): string => {
    if (sort?.column !== id) return `Sort by ${title}`;
    return `Sort by ${title} (sorted ${sort.direction})`;
  };

  return (
    <div
      ref={scrollerRef}
      class="list-header-scroller"
      role="group"
      aria-label="Columns: a header sorts, its edge resizes, the context menu shows or hides columns"
      onContextMenu={(e) => {
        e.preventDefault();
        setMenu({ x: e.clientX, y: e.clientY });
      }}
      onKeyDown={(e) => {
        if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
          e.preventDefault();
          const box = (e.target as Element).getBoundingClientRect();
          setMenu({ x: box.left, y: box.bottom });
        }
      }}
    >
      <div class="row list-header" data-testid="list-header">
        {columns.map((c) => (
          <span key={c.id} class={`cell cell-${c.id} header-cell`} data-sort={sort?.column === c.id ? sort.direction : undefined}>
            <button type="button" class="header-sort" title={c.description} aria-label={sortLabel(c.id, c.title)} onClick={() => setSort(store, nextSort(sort, c.id))}>
              <span class="header-title">{c.title}</span>
              {sort?.column === c.id && (
                <span class="sort-arrow" aria-hidden="true">
                  {ARROWS[sort.direction]}
                </span>
              )}
            </button>
            <ResizeHandle column={c} />
          </span>
        ))}
      </div>
      {menu && <Menu label="Columns" entries={entries} onClose={() => setMenu(null)} style={atAnchor(menu)} />}
    </div>
  );
}
