/** Saves `text` as a file through a temporary object URL (works in DevTools panels and tabs). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `cors-report-2026-11-22T02-45-00.json`: sortable, and safe on every file system. */
export function timestampedName(prefix: string, extension: string, at: Date): string {
  return `${prefix}-${at.toISOString().slice(0, 19).replace(/:/g, '-')}.${extension}`;
}
