import type { HttpHeader } from '../../shared/model/exchange.ts';
import { RichText } from '../common/RichText.tsx';
import { isCorsRelevant } from '../state/cors-headers.ts';
import './HeaderTable.css';

export interface HeaderTableProps {
  readonly caption: string;
  readonly headers: readonly HttpHeader[];
  /** Lower-cased names to mark as offending. */
  readonly offending: readonly string[];
  readonly offendingDetail: string | null;
  readonly note?: string;
}

/** Name/value rows; CORS headers highlighted, the offending one marked inline with why. */
export function HeaderTable({ caption, headers, offending, offendingDetail, note }: HeaderTableProps) {
  const present = new Set(headers.map((h) => h.name.toLowerCase()));
  const missing = offending.filter((name) => name.startsWith('access-control-allow') && !present.has(name));
  return (
    <table class="header-table">
      <caption>
        {caption}
        {note && <span class="header-note"> {note}</span>}
      </caption>
      <tbody>
        {headers.length === 0 && missing.length === 0 && (
          <tr>
            <td class="muted" colSpan={2}>
              (none)
            </td>
          </tr>
        )}
        {headers.map((h, i) => {
          const lower = h.name.toLowerCase();
          const bad = offending.includes(lower);
          return (
            <tr key={i} class={`${isCorsRelevant(lower) ? 'cors-header' : ''}${bad ? ' offending' : ''}`} data-header={lower}>
              <th scope="row">{h.name}</th>
              <td>
                <span class="header-value">{h.value}</span>
                {bad && offendingDetail && (
                  <span class="offending-mark" role="note">
                    ⚠ <RichText text={offendingDetail} />
                  </span>
                )}
              </td>
            </tr>
          );
        })}
        {missing.map((name) => (
          <tr key={name} class="cors-header offending missing" data-header={name}>
            <th scope="row">{name}</th>
            <td>
              <span class="muted">(absent)</span>
              {offendingDetail && (
                <span class="offending-mark" role="note">
                  ⚠ <RichText text={offendingDetail} />
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
