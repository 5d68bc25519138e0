/**
 * The results view's downloads: the same picture and table the API gives (src/core/results-export.ts),
 * in the partner's theme colours as the widget shows them, PNG drawn from the SVG on a canvas.
 * Its own chunk, fetched the first time someone downloads.
 */
import {
  exportFileName,
  exportSize,
  resultsCsv,
  resultsSvg,
  type ExportColours,
  type ExportInput,
} from '../core/results-export.js';
import { downloadBlob } from '../shared/download.js';

export type ExportFormat = 'png' | 'svg' | 'csv';

/** The private tokens each colour of the picture comes from (set on :host in principle-poll.styles.ts). */
const TOKENS: Record<keyof ExportColours, string> = {
  text: '--_color-text',
  muted: '--_color-text-muted',
  background: '--_color-background',
  surface: '--_color-surface',
  bar: '--_bar',
  track: '--_bar-track',
  distribution: '--_distribution',
  lowest: '--_lowest',
};

/**
 * The theme's colours as the browser resolved them (rgb(…)): a token may hold light-dark() or a
 * var(), which only an element's computed colour resolves. The probe sits in the shadow root,
 * where the widget's tokens apply.
 */
function themeColours(root: ShadowRoot): { colours: Partial<ExportColours>; fontFamily: string } {
  const probe = document.createElement('span');
  root.append(probe);
  const colours: Partial<ExportColours> = {};
  for (const [key, token] of Object.entries(TOKENS) as [keyof ExportColours, string][]) {
    probe.style.color = `var(${token})`;
    colours[key] = getComputedStyle(probe).color;
  }
  const fontFamily = getComputedStyle(probe).fontFamily;
  probe.remove();
  return { colours, fontFamily };
}

/** The picture as PNG at twice its size: an SVG drawn on a canvas. */
async function toPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The export as a file (Blob), for the download and for tests. */
export async function exportBlob(
  format: ExportFormat,
  root: ShadowRoot,
  input: Omit<ExportInput, 'colours' | 'fontFamily'>,
): Promise<Blob> {
  if (format === 'csv') return new Blob([resultsCsv(input)], { type: 'text/csv;charset=utf-8' });
  const svg = resultsSvg({ ...input, ...themeColours(root) });
  if (format === 'svg') return new Blob([svg], { type: 'image/svg+xml;charset=utf-8' });
  const { width, height } = exportSize(input);
  return toPng(svg, width, height);
}

export async function downloadResults(
  format: ExportFormat,
  root: ShadowRoot,
  input: Omit<ExportInput, 'colours' | 'fontFamily'>,
): Promise<void> {
  downloadBlob(await exportBlob(format, root, input), exportFileName(input.poll.id, input.at, format));
}
