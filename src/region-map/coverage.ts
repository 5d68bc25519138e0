import { unknownRegionCodes } from '../core/regions.js';
import type { Facilitator, Feed } from '../core/schema.js';

/** A facilitator who covers at least one region, with the number shown on the map and legend. */
export interface CoveringFacilitator {
  facilitator: Facilitator;
  /** 1, 2, 3 …: the label on the map, so that nothing depends on colour alone. */
  number: number;
  /** 1–8: the palette colour; it repeats after eight facilitators, the number does not. */
  colour: number;
  /** The facilitator's region codes as the feed lists them, without repeats. */
  codes: string[];
}

/** Who covers which region, worked out once per feed. */
export interface Coverage {
  facilitators: CoveringFacilitator[];
  /** Region code → its facilitators (usually one). */
  byRegion: ReadonlyMap<string, CoveringFacilitator[]>;
  /** The feed's own names for regions ("Meierij" for JZ33). */
  labels: ReadonlyMap<string, string>;
  /** Codes in the feed that name no region of 2025. */
  unknown: string[];
  /** The list's region buttons in order: each facilitator's known regions (a shared region twice). */
  listed: string[];
}

export const PALETTE_SIZE = 8;

const coverages = new WeakMap<Feed, Coverage>();

export function coverageOf(feed: Feed): Coverage {
  let coverage = coverages.get(feed);
  if (!coverage) {
    coverage = computeCoverage(feed);
    coverages.set(feed, coverage);
  }
  return coverage;
}

function computeCoverage(feed: Feed): Coverage {
  const withRegions = (feed.facilitators ?? []).filter((f) => f.regions.length > 0);
  const facilitators = withRegions.map((facilitator, index) => ({
    facilitator,
    number: index + 1,
    colour: (index % PALETTE_SIZE) + 1,
    codes: [...new Set(facilitator.regions)],
  }));
  const byRegion = new Map<string, CoveringFacilitator[]>();
  for (const covering of facilitators) {
    for (const code of covering.codes) byRegion.set(code, [...(byRegion.get(code) ?? []), covering]);
  }
  const labels = new Map((feed.regions ?? []).flatMap((r) => (r.label ? [[r.code, r.label] as const] : [])));
  const unknown = unknownRegionCodes([...byRegion.keys(), ...(feed.regions ?? []).map((r) => r.code)]);
  const listed = facilitators.flatMap((covering) => covering.codes.filter((code) => !unknown.includes(code)));
  return { facilitators, byRegion, labels, unknown, listed };
}
