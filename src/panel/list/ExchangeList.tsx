import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { usePanel, usePanelState } from '../app/context.ts';
import { select } from '../state/actions.ts';
import { listKeyDown } from './list-keys.ts';
import { ExchangeRow } from './ExchangeRow.tsx';
import { ListHeader } from './ListHeader.tsx';
import { RowContextMenu, type RowMenuAnchor } from './RowContextMenu.tsx';
import { gridTemplate, minimumWidth, shownColumns } from './columns.tsx';
import { shownLog } from '../state/store.ts';
import { EmptyState } from '../common/EmptyState.tsx';
import { usePreparedFilter } from './use-prepared-filter.ts';
import { scrollRowIntoView, useVirtualRows } from './use-virtual-rows.ts';
import './ExchangeList.css';

export const ROW_HEIGHT = 22;
/** More than the rows one window can hold, so slot keys never collide within a window. */
const SLOTS = 1024;

export interface ExchangeListProps {
  /** Called on Enter: move focus into the details. */
  readonly onOpen: () => void;
}

/** The virtualized exchange list (a listbox; arrows move, Enter opens, Esc deselects). */
export function ExchangeList({ onOpen }: ExchangeListProps) {
  const { store, derived } = usePanel();
  const visible = usePanelState((s) => derived.visible(s));
  const all = usePanelState((s) => shownLog(s).records);
  usePreparedFilter(derived, all);
  const selectedId = usePanelState((s) => s.selectedId);
  const prefs = usePanelState((s) => s.list);
  const columns = useMemo(() => shownColumns(prefs), [prefs]);
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<RowMenuAnchor | null>(null);
  const { records } = visible;
  const { start, end, viewportHeight } = useVirtualRows(scroller, records.length, ROW_HEIGHT);

  /** The row under a mouse event (one listener for all rows: they are recycled as the list scrolls). */
  const rowIdOf = (e: MouseEvent): string | null => (e.target instanceof Element ? (e.target.closest<HTMLElement>('[data-id]')?.dataset['id'] ?? null) : null);

  const selectedIndex = selectedId === null ? -1 : records.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (scroller.current && selectedIndex >= 0) scrollRowIntoView(scroller.current, selectedIndex, ROW_HEIGHT, ROW_HEIGHT);
  }, [selectedIndex]);

  const onKeyDown = listKeyDown({
    store,
    ids: () => records.map((r) => r.id),
    selectedId,
    pageRows: Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1),
    onOpen,
    onMenu: (id) => {
      const box = scroller.current?.querySelector(`[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect();
      setMenu({ id, x: (box?.left ?? 0) + 40, y: box?.bottom ?? 0 });
    },
  });

  const active = selectedIndex >= start && selectedIndex < end ? `row-${selectedId}` : undefined;
  return (
    <div class="list" data-testid="exchange-list" style={{ '--list-columns': gridTemplate(columns), '--list-min-width': `${minimumWidth(columns)}px` }}>
      <ListHeader columns={columns} scrollerRef={header} />
      <div
        ref={scroller}
        class="list-scroller"
        hidden={records.length === 0}
        role="listbox"
        tabIndex={0}
        aria-label={`Cross-origin exchanges, ${records.length} shown`}
        aria-activedescendant={active}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          // The header scrolls sideways with the rows.
          if (header.current) header.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
        onMouseDown={(e) => {
          const id = rowIdOf(e);
          if (id !== null && e.button === 0) select(store, id);
        }}
        onContextMenu={(e) => {
          const id = rowIdOf(e);
          if (id === null) return;
          e.preventDefault();
          select(store, id);
          setMenu({ id, x: e.clientX, y: e.clientY });
        }}
      >
        <div class="list-canvas" style={{ height: `${records.length * ROW_HEIGHT}px`, minWidth: 'var(--list-min-width)' }}>
          {records.slice(start, end).map((record, i) => (
            <ExchangeRow
              // Keyed by slot, not id: a filter keystroke or a scroll re-fills the same row elements.
              key={(start + i) % SLOTS}
              row={derived.summaryOf(record)}
              columns={columns}
              index={start + i}
              setSize={records.length}
              top={(start + i) * ROW_HEIGHT}
              selected={record.id === selectedId}
            />
          ))}
        </div>
      </div>
      {records.length === 0 && <EmptyState />}
      {menu && <RowContextMenu anchor={menu} onClose={() => setMenu(null)} />}
    </div>
  );
}
