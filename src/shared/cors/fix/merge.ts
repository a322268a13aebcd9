/**
 * One server, many fixes: the changes of every blocked exchange of a capture, merged per response
 * so they can be applied together (the lab does, and so does the check that a capture's fixes
 * keep allowing what was allowed). List headers (Allow-Methods, Allow-Headers, Expose-Headers,
 * Vary) merge as unions; any other header must agree, or the merge reports the conflict.
 */
import type { ServerChange } from './types.ts';
import { responseKey, splitHeaderLine } from './types.ts';
import { asciiLower } from '../../http/headers.ts';
import { splitList } from '../../http/list.ts';

const LISTS = new Set(['access-control-allow-methods', 'access-control-allow-headers', 'access-control-expose-headers', 'vary']);

/** Two changes that name different values for one header of one response. */
export interface ChangeConflict {
  readonly method: string;
  readonly url: string;
  readonly header: string;
  readonly values: readonly string[];
}

export interface MergedChanges {
  readonly changes: readonly ServerChange[];
  readonly conflicts: readonly ChangeConflict[];
}

interface Draft {
  readonly method: string;
  readonly url: string;
  status: number | undefined;
  /** Every merged change was for an answer the recording lacks. */
  unrecorded: boolean;
  /** Lower-case name → [name as written, value]. */
  readonly headers: Map<string, [string, string]>;
}

function mergeValue(name: string, a: string, b: string): string | null {
  if (a === b) return a;
  if (!LISTS.has(name)) return null;
  // Methods compare byte for byte; header names (and Vary's) without case.
  const key = name === 'access-control-allow-methods' ? (s: string) => s : asciiLower;
  const items = new Map<string, string>();
  for (const item of [...splitList(a), ...splitList(b)]) if (!items.has(key(item))) items.set(key(item), item);
  return [...items.values()].join(', ');
}

/** Every change merged per response (method and URL), in first-seen order, with the conflicts. */
export function mergeServerChanges(lists: readonly (readonly ServerChange[])[]): MergedChanges {
  const drafts = new Map<string, Draft>();
  const conflicts: ChangeConflict[] = [];
  for (const change of lists.flat()) {
    const key = responseKey(change.method, change.url);
    let draft = drafts.get(key);
    if (draft === undefined) drafts.set(key, (draft = { method: change.method, url: change.url, status: undefined, unrecorded: true, headers: new Map() }));
    draft.unrecorded &&= change.unrecorded === true;
    if (change.status !== undefined) draft.status = draft.status === undefined ? change.status : Math.min(draft.status, change.status);
    for (const line of change.headers) {
      const parts = splitHeaderLine(line);
      if (parts === null) continue;
      const name = asciiLower(parts.name);
      const had = draft.headers.get(name);
      if (had === undefined) {
        draft.headers.set(name, [parts.name, parts.value]);
        continue;
      }
      const merged = mergeValue(name, had[1], parts.value);
      if (merged === null) conflicts.push({ method: change.method, url: change.url, header: parts.name, values: [had[1], parts.value] });
      else draft.headers.set(name, [had[0], merged]);
    }
  }
  const changes = [...drafts.values()].map(
    (d): ServerChange => ({
      method: d.method,
      url: d.url,
      ...(d.status === undefined ? {} : { status: d.status }),
      headers: [...d.headers.values()].map(([n, v]) => `${n}: ${v}`),
      ...(d.unrecorded ? { unrecorded: true as const } : {}),
    }),
  );
  return { changes, conflicts };
}
