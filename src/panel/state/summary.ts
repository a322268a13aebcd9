/**
 * What one list row shows, computed once per record (only for rows that are rendered) and cached
 * by the derived state.
 */
import type { LogRecord } from '../../shared/protocol/messages.ts';
import { splitUrl } from '../../shared/http/url.ts';
import { filterFields, type FilterFields } from './filter-fields.ts';
import { shortVerdict } from './short-verdict.ts';

export { badgesOf, rowStatus, type Badge, type FilterFields, type RowStatus } from './filter-fields.ts';

/** What one list row shows; computed only for rows that are rendered. */
export interface RowSummary extends FilterFields {
  readonly id: string;
  readonly url: string;
  /** Path, query and fragment of the requested URL (emphasised in the row). */
  readonly path: string;
  readonly verdictText: string;
}

export function summarize(record: LogRecord, fields: FilterFields = filterFields(record)): RowSummary {
  const url = record.exchange.legs[0]?.request.url ?? '';
  return {
    ...fields,
    id: record.id,
    url,
    path: splitUrl(url).path,
    verdictText: shortVerdict(record),
  };
}
