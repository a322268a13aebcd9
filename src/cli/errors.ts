/** Failures the CLI reports as one stderr line and exit status 2. */

export const EXIT_OK = 0;
export const EXIT_BLOCKED = 1;
export const EXIT_ERROR = 2;

/** One line, no control characters, bounded length: safe to print whatever the cause. */
export function oneLine(message: string, maxLength = 400): string {
  const flat = message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength - 1)}…`;
}
