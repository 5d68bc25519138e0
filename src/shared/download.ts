/** Offers a file as a download, without a server round-trip and without inline scripts (CSP). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on a later task, once the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A calendar file as a download. */
export const downloadIcs = (ics: string, fileName: string) =>
  downloadBlob(new Blob([ics], { type: 'text/calendar;charset=utf-8' }), fileName);
