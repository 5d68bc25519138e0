import { CopRegionMap } from './region-map.component.js';

export { CopRegionMap };
export type { RegionMapView } from './region-map.component.js';
export type { GeometryLoader } from './load.js';

CopRegionMap.define('cop-region-map');

declare global {
  interface HTMLElementTagNameMap {
    'cop-region-map': CopRegionMap;
  }
}
