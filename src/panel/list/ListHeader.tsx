import './ExchangeRow.css';
import './ListHeader.css';

/** Column titles above the list (visual only; each row carries its own labels). */
export function ListHeader() {
  return (
    <div class="row list-header" aria-hidden="true">
      <span class="cell cell-status" />
      <span class="cell cell-method">Method</span>
      <span class="cell cell-url">URL</span>
      <span class="cell cell-origins">Initiator → Target</span>
      <span class="cell cell-verdict">Verdict</span>
      <span class="cell cell-badges" />
    </div>
  );
}
