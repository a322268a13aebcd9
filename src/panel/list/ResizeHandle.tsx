import { usePanel } from '../app/context.ts';
import { setColumnWidth } from '../state/list-actions.ts';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../state/list-prefs.ts';
import type { ShownColumn } from './columns.tsx';

/** Arrow-key steps in pixels (Shift: the larger one). */
const STEP = 8;
const BIG_STEP = 40;

/**
 * The right edge of a column header: drag it to resize the column, or focus it (Tab) and use the
 * Left/Right arrows (Shift for bigger steps), Home for the default width. A WAI-ARIA separator
 * whose value is the width in pixels.
 */
export function ResizeHandle({ column }: { column: ShownColumn }) {
  const { store } = usePanel();
  const resize = (width: number): void => setColumnWidth(store, column.id, width);
  return (
    <span
      class="resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${column.title}`}
      aria-valuenow={column.width}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      tabIndex={0}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        const startX = e.clientX;
        const startWidth = column.width;
        const move = (m: PointerEvent): void => resize(startWidth + m.clientX - startX);
        const up = (): void => {
          document.removeEventListener('pointermove', move);
          document.removeEventListener('pointerup', up);
        };
        document.addEventListener('pointermove', move);
        document.addEventListener('pointerup', up);
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? BIG_STEP : STEP;
        if (e.key === 'ArrowLeft') resize(column.width - step);
        else if (e.key === 'ArrowRight') resize(column.width + step);
        else if (e.key === 'Home') resize(column.defaultWidth);
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    />
  );
}
