import { memo } from 'preact/compat';
import type { RowSummary } from '../state/summary.ts';
import type { ShownColumn } from './columns.tsx';
import './ExchangeRow.css';

export interface ExchangeRowProps {
  readonly row: RowSummary;
  readonly columns: readonly ShownColumn[];
  readonly index: number;
  readonly setSize: number;
  readonly top: number;
  readonly selected: boolean;
}

/**
 * One exchange in the list, a cell per shown column (./columns.tsx). Mouse handling is delegated
 * to the list (rows carry `data-id`).
 */
export const ExchangeRow = memo(function ExchangeRow({ row, columns, index, setSize, top, selected }: ExchangeRowProps) {
  return (
    <div
      id={`row-${row.id}`}
      class={`row status-row-${row.status}${selected ? ' selected' : ''}`}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-id={row.id}
      data-testid="exchange-row"
      style={{ transform: `translateY(${top}px)` }}
    >
      {columns.map((column) => (
        <span key={column.id} class={`cell cell-${column.id}`} title={column.tip?.(row)}>
          {column.cell(row)}
        </span>
      ))}
    </div>
  );
});
