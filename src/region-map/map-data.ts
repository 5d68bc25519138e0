import type { MapLayout, RegionGeometry } from './geometry.js';
import type { GeometryLoader } from './load.js';

/** The regions, ready to draw at any width. */
export interface RegionMapData {
  geometry: RegionGeometry;
  layout(width: number): MapLayout;
}

const loaded = new WeakMap<GeometryLoader, Promise<RegionMapData>>();

/**
 * Loads the drawing code (d3-geo, topojson-client) and the region data in parallel, once per
 * loader: every map on the page shares them, and the widget's own bundle carries neither.
 */
export function loadRegionMapData(load: GeometryLoader): Promise<RegionMapData> {
  let promise = loaded.get(load);
  if (!promise) {
    promise = Promise.all([import('./geometry.js'), load()]).then(([{ toGeometry, layoutMap }, topology]) => {
      const geometry = toGeometry(topology);
      return { geometry, layout: (width: number) => layoutMap(geometry, width) };
    });
    loaded.set(load, promise);
    // A failure is not kept: "Opnieuw proberen" must really try again.
    promise.catch(() => loaded.delete(load));
  }
  return promise;
}
