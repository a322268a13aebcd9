/**
 * The list's columns as data, in DevTools' Network panel manner: what each shows, its default
 * width, and whether it can be hidden. The header, the rows and the header's context menu read
 * this one table; which show and how wide comes from the list preferences.
 */
import type { ComponentChild } from 'preact';
import { initiatorExplanation, initiatorLabel } from '../state/initiator-label.ts';
import { COLUMN_IDS, type ColumnId, type ListPrefs } from '../state/list-prefs.ts';
import { resourceTypeLabel } from '../state/resource-types.ts';
import type { RowSummary } from '../state/summary.ts';
import { formatDuration } from '../state/timing.ts';
import { Badges } from './Badges.tsx';
import { StatusIcon } from './StatusIcon.tsx';

export interface ColumnDef {
  readonly id: ColumnId;
  readonly title: string;
  /** What the header's tooltip says the column holds. */
  readonly description: string;
  readonly defaultWidth: number;
  /** The URL column cannot be hidden (like DevTools' Name). */
  readonly hideable: boolean;
  readonly cell: (row: RowSummary) => ComponentChild;
  /** The cell's tooltip. */
  readonly tip?: (row: RowSummary) => string;
}

function hostOf(origin: string | null): string {
  if (origin === null || origin === '') return '?';
  return origin.replace(/^[a-z]+:\/\//, '');
}

/** The Status column's text: the last response's HTTP status, or DevTools' words for none. */
function httpStatusText(row: RowSummary): string {
  if (row.httpStatus !== null) return String(row.httpStatus);
  return row.status === 'pending' ? '(pending)' : row.status === 'blocked' ? '(blocked)' : '(failed)';
}

const DEFS: Readonly<Record<ColumnId, Omit<ColumnDef, 'id'>>> = {
  status: {
    title: 'Status',
    description: 'The verdict (mark) and the last response’s HTTP status',
    defaultWidth: 92,
    hideable: true,
    cell: (row) => (
      <>
        <StatusIcon status={row.status} />
        <span class="http-status">{httpStatusText(row)}</span>
      </>
    ),
  },
  method: { title: 'Method', description: 'The request method', defaultWidth: 64, hideable: true, cell: (row) => row.method },
  url: {
    title: 'URL',
    description: 'Path, then origin, of the requested URL',
    defaultWidth: 260,
    hideable: false,
    cell: (row) => (
      <>
        <span class="url-path">{row.path}</span>
        <span class="url-origin">{row.targetOrigin.replace(/^[a-z]+:\/\//, '')}</span>
      </>
    ),
    tip: (row) => row.url,
  },
  type: { title: 'Type', description: 'The kind of request (fetch, xhr, img, font…)', defaultWidth: 72, hideable: true, cell: (row) => resourceTypeLabel(row.type) },
  initiator: {
    title: 'Initiator',
    description: 'Who made the request: page, frame, worker, service worker',
    defaultWidth: 160,
    hideable: true,
    cell: (row) => (
      <>
        <span class="initiator-kind">{initiatorLabel(row.initiator)}</span>
        <span class="initiator-origin">{hostOf(row.initiatorOrigin)}</span>
      </>
    ),
    tip: (row) => initiatorExplanation(row.initiator, row.initiatorOrigin),
  },
  verdict: { title: 'Verdict', description: 'The browser’s decision in a few words', defaultWidth: 280, hideable: true, cell: (row) => row.verdictText, tip: (row) => row.verdictText },
  flags: { title: 'Flags', description: 'Preflight, cached preflight, redirect, credentials, warning', defaultWidth: 170, hideable: true, cell: (row) => <Badges badges={row.badges} /> },
  time: {
    title: 'Time',
    description: 'From the first request (or its preflight) to the last response',
    defaultWidth: 64,
    hideable: true,
    cell: (row) => (row.duration === null ? '' : formatDuration(row.duration)),
  },
};

export const COLUMNS: readonly ColumnDef[] = COLUMN_IDS.map((id) => ({ id, ...DEFS[id] }));

/** A column as shown: its definition and its width. */
export interface ShownColumn extends ColumnDef {
  readonly width: number;
}

/** The columns the preferences show, in order, with their widths. */
export function shownColumns(prefs: ListPrefs): ShownColumn[] {
  return COLUMNS.filter((c) => !prefs.hidden.includes(c.id)).map((c) => ({ ...c, width: prefs.widths[c.id] ?? c.defaultWidth }));
}

/** The CSS grid template of the shown columns: fixed widths, the URL column taking what is left. */
export function gridTemplate(columns: readonly ShownColumn[]): string {
  return columns.map((c) => (c.id === 'url' ? `minmax(${c.width}px, 1fr)` : `${c.width}px`)).join(' ');
}

/** The least width the shown columns need (wider than the list: it scrolls sideways). */
export function minimumWidth(columns: readonly ShownColumn[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0);
}
