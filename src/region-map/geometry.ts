/**
 * Drawing the map: d3-geo and topojson-client, zooming (zoom.ts) and placing badges (badges.ts).
 * Loaded on demand, in parallel with the region data (see map-data.ts), so a page without a map
 * never downloads any of it.
 */
import { geoMercator, geoPath, type GeoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import { placeBadges, type PlacedBadge } from './badges.js';
import type { JeugdregioProperties, JeugdregioTopology } from './jeugdregio-2025.topojson.js';
import { fitRegion, inSight, project, WHOLE_COUNTRY, type Bounds, type View } from './zoom.js';

export type RegionFeature = Feature<Polygon | MultiPolygon, JeugdregioProperties>;

/** The regions as GeoJSON, ready to project: done once per page, whatever the number of maps. */
export interface RegionGeometry {
  /** The 42 regions by CBS code, in code order. */
  regions: ReadonlyMap<string, RegionFeature>;
  collection: FeatureCollection<Polygon | MultiPolygon, JeugdregioProperties>;
  /** Borders between two regions, drawn once rather than twice (once per neighbour). */
  borders: MultiLineString;
  /** The country's coastline and border. */
  outline: MultiLineString;
}

/** Converts the TopoJSON once; a loader that resolves to something else fails here, with the retry shown. */
export function toGeometry(data: unknown): RegionGeometry {
  const topology = data as JeugdregioTopology;
  const object = topology?.objects?.jeugdregio_2025;
  if (topology?.type !== 'Topology' || object?.type !== 'GeometryCollection')
    throw new TypeError('Not the jeugdregio_2025 TopoJSON');
  const collection = feature(topology, object) as RegionGeometry['collection'];
  const regions = new Map(collection.features.map((f) => [f.properties.statcode, f] as const));
  return {
    regions: new Map([...regions].sort(([a], [b]) => a.localeCompare(b))),
    collection,
    borders: mesh(topology, object, (a, b) => a !== b),
    outline: mesh(topology, object, (a, b) => a === b),
  };
}

/** The map drawn at one width: SVG path data and a label point per region. */
export interface MapLayout {
  width: number;
  height: number;
  paths: ReadonlyMap<string, string>;
  labelPoints: ReadonlyMap<string, [number, number]>;
  borders: string;
  outline: string;
  /** The view that fits a region (d3-geo's bounds of it), or the whole country. */
  view(code: string | undefined): View;
  /** Whether any of a region is in sight in `view`. */
  inSight(view: View, code: string): boolean;
  /** Numbered badges on the regions' label points in `view`, those in sight, placed so no two meet. */
  badges(view: View, wanted: readonly { code: string; r: number }[]): PlacedBadge[];
}

/** Room around the country, so the outline and a highlighted region's border are not clipped. */
const PADDING = 6;

/**
 * Projects the regions onto `width` pixels: Mercator fitted to the width, the height follows
 * from the country's shape. Fitted to real pixels (not scaled by a viewBox) so that borders and
 * labels keep their size on a phone and on a wide screen.
 */
export function layoutMap(geometry: RegionGeometry, width: number): MapLayout {
  const projection = geoMercator().fitWidth(Math.max(width - 2 * PADDING, 1), geometry.collection);
  const [x, y] = projection.translate();
  projection.translate([x + PADDING, y + PADDING]);
  const path = geoPath(projection).digits(1);
  const height = Math.ceil(path.bounds(geometry.collection)[1][1] + PADDING);
  const paths = new Map<string, string>();
  const labelPoints = new Map<string, [number, number]>();
  for (const [code, region] of geometry.regions) {
    paths.set(code, path(region) ?? '');
    labelPoints.set(code, labelPoint(path, region));
  }
  // Worked out when first asked for: the whole country needs none, a zoom one or a few.
  const bounds = new Map<string, Bounds>();
  const boundsOf = (code: string): Bounds | undefined => {
    const region = geometry.regions.get(code);
    if (region && !bounds.has(code)) bounds.set(code, path.bounds(region));
    return bounds.get(code);
  };
  const [borders, outline] = [path(geometry.borders) ?? '', path(geometry.outline) ?? ''];
  return {
    width,
    height,
    paths,
    labelPoints,
    borders,
    outline,
    view: (code) => {
      const box = code && boundsOf(code);
      return box ? fitRegion(box, width, height) : WHOLE_COUNTRY;
    },
    inSight(view, code) {
      const box = view === WHOLE_COUNTRY ? undefined : boundsOf(code);
      return box ? inSight(box, view, width, height) : geometry.regions.has(code);
    },
    badges(view, wanted) {
      const inView = wanted.flatMap(({ code, r }) => {
        const [x, y] = project(view, labelPoints.get(code) ?? [-1, -1]);
        return x >= 0 && y >= 0 && x <= width && y <= height ? [{ code, x, y, r }] : [];
      });
      return placeBadges(inView, width, height);
    },
  };
}

/** The centre of a region's largest part: Zeeland's label belongs on land, not between islands. */
function labelPoint(path: GeoPath, region: RegionFeature): [number, number] {
  const { geometry } = region;
  const parts: Polygon[] =
    geometry.type === 'Polygon'
      ? [geometry]
      : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  const largest = parts.reduce((a, b) => (path.area(b) > path.area(a) ? b : a));
  const [x, y] = path.centroid(largest);
  return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
}
