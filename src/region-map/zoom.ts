/** A region's bounding box on the map, `[[left, top], [right, bottom]]` (d3-geo's path.bounds). */
export type Bounds = [[number, number], [number, number]];

/** What the map shows: scaled by `k`, then moved by `x`, `y` map pixels. */
export interface View {
  k: number;
  x: number;
  y: number;
}

export const WHOLE_COUNTRY: View = { k: 1, x: 0, y: 0 };

/** Room around a region zoomed to, as a share of the map, so its neighbours show where it lies. */
const MARGIN = 0.15;
/** No closer than this: a city region (Utrecht Stad) would otherwise fill the map with one shape. */
const MAX_ZOOM = 3;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The view that fits a region's bounds into a `width` × `height` map with a margin, centred on it
 * as far as the country allows: the view never shows beyond the map's own box.
 */
export function fitRegion([[x0, y0], [x1, y1]]: Bounds, width: number, height: number): View {
  const room = 1 - 2 * MARGIN;
  const fit = Math.min((width * room) / Math.max(x1 - x0, 1), (height * room) / Math.max(y1 - y0, 1));
  const k = clamp(fit, 1, MAX_ZOOM);
  return {
    k,
    x: clamp(width / 2 - (k * (x0 + x1)) / 2, width * (1 - k), 0),
    y: clamp(height / 2 - (k * (y0 + y1)) / 2, height * (1 - k), 0),
  };
}

/** Where a point of the whole-country map lies in `view`. */
export const project = (view: View, [x, y]: readonly [number, number]): [number, number] => [
  x * view.k + view.x,
  y * view.k + view.y,
];

/** Whether any of a region is in sight in `view` of a `width` × `height` map. */
export function inSight(bounds: Bounds, view: View, width: number, height: number): boolean {
  const [x0, y0] = project(view, bounds[0]);
  const [x1, y1] = project(view, bounds[1]);
  return x1 > 0 && y1 > 0 && x0 < width && y0 < height;
}
