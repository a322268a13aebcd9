/**
 * Nearest-first matching of requests and preflights that are interchangeable except for their
 * times (same URL, method, origin and `Access-Control-Request-Headers`): identical concurrent
 * fetches. Pairing them from a fixed window of candidates drops some when there are many; this
 * pairs every one it can, whatever their number, in O(n log n).
 *
 * The pairs are those a global "smallest time gap first" greedy takes: on a time line the closest
 * request–preflight pair left is always adjacent once matched items are removed (anything between
 * them would be closer to one of them), so a heap of adjacent pairs, refilled where a removal
 * joins two neighbours, finds each in turn. A pair is eligible when the preflight starts within
 * the window around the request (`maxLeadMs` before, `maxLagMs` after); an ineligible adjacent
 * pair is never needed, since whenever an eligible pair exists an adjacent eligible one does too.
 */

export interface TimedItem {
  /** The caller's index of the item. */
  readonly index: number;
  readonly at: number;
}

export interface TimeWindow {
  readonly maxLeadMs: number;
  readonly maxLagMs: number;
}

interface Node {
  readonly actual: boolean;
  readonly item: TimedItem;
  prev: Node | null;
  next: Node | null;
  alive: boolean;
}

interface Edge {
  readonly left: Node;
  readonly right: Node;
  readonly gap: number;
}

/** Smaller gap first, then lower request index, then lower preflight index (the old pairing's tie-break). */
function before(a: Edge, b: Edge): boolean {
  if (a.gap !== b.gap) return a.gap < b.gap;
  const [aa, ap] = roles(a);
  const [ba, bp] = roles(b);
  return aa.item.index !== ba.item.index ? aa.item.index < ba.item.index : ap.item.index < bp.item.index;
}

function roles(edge: Edge): readonly [Node, Node] {
  return edge.left.actual ? [edge.left, edge.right] : [edge.right, edge.left];
}

/** A binary min-heap of edges. */
class EdgeHeap {
  readonly #items: Edge[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(edge: Edge): void {
    const items = this.#items;
    items.push(edge);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent];
      if (p === undefined || !before(edge, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = edge;
  }

  pop(): Edge | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = last;
      let at = -1;
      const left = items[l];
      const right = items[r];
      if (left !== undefined && before(left, smallest)) {
        smallest = left;
        at = l;
      }
      if (right !== undefined && before(right, smallest)) {
        smallest = right;
        at = r;
      }
      if (at === -1) break;
      items[i] = smallest;
      i = at;
    }
    items[i] = last;
    return top;
  }
}

function edgeOf(left: Node | null, right: Node | null, window: TimeWindow): Edge | null {
  if (left === null || right === null || left.actual === right.actual) return null;
  const [actual, preflight] = left.actual ? [left, right] : [right, left];
  const delta = preflight.item.at - actual.item.at;
  if (delta < -window.maxLeadMs || delta > window.maxLagMs) return null;
  return { left, right, gap: Math.abs(delta) };
}

/**
 * Pairs `actuals` with `preflights` one to one, nearest in time first, then re-zips the chosen ones
 * in time order (browsers send the preflights of identical requests in request order). Returns
 * `[actual index, preflight index]` pairs.
 */
export function matchOnTimeLine(actuals: readonly TimedItem[], preflights: readonly TimedItem[], window: TimeWindow): [number, number][] {
  const nodes: Node[] = [
    ...actuals.map((item) => ({ actual: true, item, prev: null, next: null, alive: true })),
    ...preflights.map((item) => ({ actual: false, item, prev: null, next: null, alive: true })),
  ];
  nodes.sort((a, b) => a.item.at - b.item.at || Number(b.actual) - Number(a.actual) || a.item.index - b.item.index);
  const heap = new EdgeHeap();
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node === undefined) continue;
    node.prev = nodes[i - 1] ?? null;
    node.next = nodes[i + 1] ?? null;
    const edge = edgeOf(node.prev, node, window);
    if (edge !== null) heap.push(edge);
  }
  const chosenActuals: TimedItem[] = [];
  const chosenPreflights: TimedItem[] = [];
  while (heap.size > 0) {
    const edge = heap.pop();
    if (edge === undefined) break;
    const { left, right } = edge;
    if (!left.alive || !right.alive || left.next !== right) continue;
    left.alive = false;
    right.alive = false;
    const [actual, preflight] = roles(edge);
    chosenActuals.push(actual.item);
    chosenPreflights.push(preflight.item);
    const outerLeft = left.prev;
    const outerRight = right.next;
    if (outerLeft !== null) outerLeft.next = outerRight;
    if (outerRight !== null) outerRight.prev = outerLeft;
    const joined = edgeOf(outerLeft, outerRight, window);
    if (joined !== null) heap.push(joined);
  }
  return rezip(chosenActuals, chosenPreflights, window) ?? chosenActuals.map((a, k) => [a.index, chosenPreflights[k]?.index ?? -1]);
}

/** The chosen items zipped in time order, or null when a zipped pair would leave the window. */
function rezip(actuals: TimedItem[], preflights: TimedItem[], window: TimeWindow): [number, number][] | null {
  const byTime = (a: TimedItem, b: TimedItem): number => a.at - b.at || a.index - b.index;
  const sortedActuals = [...actuals].sort(byTime);
  const sortedPreflights = [...preflights].sort(byTime);
  const pairs: [number, number][] = [];
  for (let k = 0; k < sortedActuals.length; k++) {
    const a = sortedActuals[k];
    const p = sortedPreflights[k];
    if (a === undefined || p === undefined) return null;
    const delta = p.at - a.at;
    if (delta < -window.maxLeadMs || delta > window.maxLagMs) return null;
    pairs.push([a.index, p.index]);
  }
  return pairs;
}
