/**
 * Where the region data comes from. Resolves to the TopoJSON of ./jeugdregio-2025.topojson.js
 * (object `jeugdregio_2025`, each region with `statcode` and `statnaam`); a page may replace it,
 * see `CopRegionMap.loadGeometry`.
 */
export type GeometryLoader = () => Promise<unknown>;

/** The regions shipped with the package, as a chunk of their own. */
export const loadBundledGeometry: GeometryLoader = () =>
  import('./jeugdregio-2025.topojson.js').then((module) => module.default);

/** The municipalities of 2025 with their regions (./gemeenten-2025.js), as a chunk of their own. */
export const loadMunicipalities = () => import('./gemeenten-2025.js').then((module) => module.default);
