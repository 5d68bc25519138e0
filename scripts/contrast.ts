/**
 * WCAG 2.2 contrast for the theme files: the formula, and the colour pairs each theme must pass.
 * Shared by the browser test (test/shared/themes.test.ts, on the colours the widgets compute)
 * and `npx tsx scripts/theme-contrast.ts` (the figures for docs/theming.md).
 */

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)` → [r, g, b] in 0–255. */
export function parseColor(color: string): [number, number, number] {
  const value = color.trim().toLowerCase();
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value)?.[1];
  if (!hex) throw new Error(`not a colour this check reads: ${color}`);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(color: string): number {
  const [r, g, b] = parseColor(color).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Global colour tokens by their name without `--cop-color-`, plus the map's own. */
export type ThemeColours = Record<string, string>;

/** What must be legible on what: WCAG 1.4.3 (text, 4.5:1) and 1.4.11 (borders, focus, graphics, 3:1). */
export interface ContrastPair {
  what: string;
  foreground: string;
  background: string;
  minimum: number;
  /**
   * False for the map's fill colours: a facilitator's regions are also marked with their number
   * (black on white) and listed, so the fill is extra. Reported, and met by the dark theme.
   */
  required: boolean;
}

export const CONTRAST_PAIRS: readonly ContrastPair[] = [
  { what: 'text on background', foreground: 'text', background: 'background', minimum: 4.5, required: true },
  { what: 'text on surface (cards, states)', foreground: 'text', background: 'surface', minimum: 4.5, required: true },
  {
    what: 'muted text on background',
    foreground: 'text-muted',
    background: 'background',
    minimum: 4.5,
    required: true,
  },
  { what: 'muted text on surface', foreground: 'text-muted', background: 'surface', minimum: 4.5, required: true },
  {
    what: 'links and dates (primary) on background',
    foreground: 'primary',
    background: 'background',
    minimum: 4.5,
    required: true,
  },
  {
    what: 'button text on primary',
    foreground: 'primary-contrast',
    background: 'primary',
    minimum: 4.5,
    required: true,
  },
  {
    what: 'errors (danger) on background',
    foreground: 'danger',
    background: 'background',
    minimum: 4.5,
    required: true,
  },
  { what: 'errors (danger) on surface', foreground: 'danger', background: 'surface', minimum: 4.5, required: true },
  { what: 'success on background', foreground: 'success', background: 'background', minimum: 4.5, required: true },
  {
    what: 'input and card borders on background',
    foreground: 'border',
    background: 'background',
    minimum: 3,
    required: true,
  },
  { what: 'borders on surface', foreground: 'border', background: 'surface', minimum: 3, required: true },
  { what: 'focus ring on background', foreground: 'focus', background: 'background', minimum: 3, required: true },
  { what: 'focus ring on surface', foreground: 'focus', background: 'surface', minimum: 3, required: true },
  { what: 'focus ring on its halo', foreground: 'focus', background: 'focus-halo', minimum: 3, required: true },
  {
    what: 'poll bar (primary) on its track (surface)',
    foreground: 'primary',
    background: 'surface',
    minimum: 3,
    required: true,
  },
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
    what: `map colour ${n} against uncovered regions`,
    foreground: `region-map-color-${n}`,
    background: 'region-map-region-background-color',
    minimum: 3,
    required: false,
  })),
];
