import type { MapLayout, RegionGeometry } from './geometry.js';
import { loadMunicipalities, type GeometryLoader } from './load.js';
import { indexMunicipalities, type Municipalities } from './municipalities.js';

/** The regions, ready to draw at any width, and the municipalities in them. */
export interface RegionMapData {
  geometry: RegionGeometry;
  layout(width: number): MapLayout;
  municipalities: Municipalities;
}

const loaded = new WeakMap<GeometryLoader, Promise<RegionMapData>>();

/**
 * Loads the drawing code (d3-geo, topojson-client), the region data and the municipalities in
 * parallel, once per loader: every map on the page shares them, and the widget's own bundle
 * carries none of them. The municipalities are a chunk of their own: in one file with the
 * region data they compressed no smaller (docs/architecture.md), and a page that serves its own
 * regions (`CopRegionMap.loadGeometry`) still gets them.
 */
export function loadRegionMapData(load: GeometryLoader): Promise<RegionMapData> {
  let promise = loaded.get(load);
  if (!promise) {
    const parts = Promise.all([import('./geometry.js'), load(), loadMunicipalities()]);
    promise = parts.then(([{ toGeometry, layoutMap }, topology, gemeenten]) => {
      const geometry = toGeometry(topology);
      const municipalities = indexMunicipalities(gemeenten);
      return { geometry, layout: (width: number) => layoutMap(geometry, width), municipalities };
    });
    loaded.set(load, promise);
    // A failure is not kept: "Opnieuw proberen" must really try again.
    promise.catch(() => loaded.delete(load));
  }
  return promise;
}
