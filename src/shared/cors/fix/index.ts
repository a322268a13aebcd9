/**
 * The structured server fix (see `types.ts`): computed and proven per exchange (`server-fix.ts`),
 * applied to recordings (`apply.ts`), merged per capture (`merge.ts`), rendered for people
 * (`render.ts`).
 */
export type { ServerChange, ServerFix } from './types.ts';
export { responseKey, splitHeaderLine } from './types.ts';
export type { Allowed, ServerEvidence } from './evidence.ts';
export { NO_EVIDENCE, captureEvidence } from './evidence.ts';
export { applyServerChanges, credentialedReading, evaluateWithChanges, withNextHop } from './apply.ts';
export type { ServerFixOptions } from './server-fix.ts';
export { serverFix } from './server-fix.ts';
export type { ChangeConflict, MergedChanges } from './merge.ts';
export { mergeServerChanges } from './merge.ts';
export { changeLines, changeTarget, fixPolicy, serverFixLines } from './render.ts';
