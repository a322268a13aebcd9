/**
 * Typed failures of the HAR reader. Reading never throws from deep code: validation returns a
 * `HarReadResult`, and only top-level entry points (`analyzeHar`) turn a failure into a thrown
 * `HarFormatError`.
 */

export type HarErrorCode =
  /** The text is not JSON. */
  | 'not-json'
  /** JSON, but not an HTTP Archive (no `log`, no `log.entries`). */
  | 'not-har'
  /** An entry lacks a required field or has a field of the wrong type. */
  | 'invalid-entry'
  /** A string or list exceeds the reader's limits (`HAR_LIMITS`). */
  | 'too-large';

export interface HarIssue {
  readonly code: HarErrorCode;
  /** One sentence, no trailing period, fit for a single stderr line. */
  readonly message: string;
  /** JSON path of the offending value (`log.entries[3].request.url`), null for the whole input. */
  readonly path: string | null;
}

export type HarReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: HarIssue };

/** Thrown only by top-level entry points; carries the `HarIssue`. */
export class HarFormatError extends Error {
  readonly code: HarErrorCode;
  readonly path: string | null;

  constructor(issue: HarIssue) {
    super(issue.path === null ? issue.message : `${issue.message} (at ${issue.path})`);
    this.name = 'HarFormatError';
    this.code = issue.code;
    this.path = issue.path;
  }
}

export function isHarFormatError(error: unknown): error is HarFormatError {
  return error instanceof HarFormatError;
}
