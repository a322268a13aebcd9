import { memo } from 'preact/compat';
import type { RowSummary } from '../state/summary.ts';
import { Badges } from './Badges.tsx';
import { StatusIcon } from './StatusIcon.tsx';
import './ExchangeRow.css';

export interface ExchangeRowProps {
  readonly row: RowSummary;
  readonly index: number;
  readonly setSize: number;
  readonly top: number;
  readonly selected: boolean;
}

function hostOf(origin: string | null): string {
  if (origin === null || origin === '') return '?';
  return origin.replace(/^[a-z]+:\/\//, '');
}

/**
 * One exchange in the list: status, method, URL (path emphasised), origins, verdict, badges.
 * Mouse handling is delegated to the list (rows carry `data-id`).
 */
export const ExchangeRow = memo(function ExchangeRow({ row, index, setSize, top, selected }: ExchangeRowProps) {
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
      <span class="cell cell-status">
        <StatusIcon status={row.status} />
      </span>
      <span class="cell cell-method">{row.method}</span>
      <span class="cell cell-url" title={row.url}>
        <span class="url-path">{row.path}</span>
        <span class="url-origin">{row.targetOrigin.replace(/^[a-z]+:\/\//, '')}</span>
      </span>
      <span class="cell cell-origins" title={`${row.initiatorOrigin ?? 'unknown initiator'} → ${row.targetOrigin}`}>
        {hostOf(row.initiatorOrigin)} <span class="arrow">→</span> {hostOf(row.targetOrigin)}
      </span>
      <span class="cell cell-verdict" title={row.verdictText}>
        {row.verdictText}
      </span>
      <span class="cell cell-badges">
        <Badges badges={row.badges} />
      </span>
    </div>
  );
});
