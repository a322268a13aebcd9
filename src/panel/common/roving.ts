/**
 * Keyboard movement in a group of items (a tab strip, a menu), as the ARIA practices describe it:
 * the arrow keys of the group's direction step and wrap, Home and End jump to the ends.
 */
const STEP: Readonly<Record<'horizontal' | 'vertical', { readonly back: string; readonly forward: string }>> = {
  horizontal: { back: 'ArrowLeft', forward: 'ArrowRight' },
  vertical: { back: 'ArrowUp', forward: 'ArrowDown' },
};

/** The index `key` moves to from `at` among `count` items; -1 when the key does not move. */
export function rovingIndex(key: string, at: number, count: number, direction: 'horizontal' | 'vertical'): number {
  if (count === 0) return -1;
  const { back, forward } = STEP[direction];
  if (key === forward) return (at + 1) % count;
  if (key === back) return (at - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return -1;
}
