/**
 * The 342 municipalities of 2025 and their youth-care regions, ready to search. The data
 * (./gemeenten-2025.js) is a chunk of its own, loaded with the map's geometry (see map-data.ts),
 * so a page without a map never gets it; this index of it is small and comes with the widget.
 */
import type { Gemeente } from './gemeenten-2025.js';
import { queryKey, searchKey } from './search.js';

export interface Municipality {
  /** CBS code: `GM0228`. */
  code: string;
  /** CBS name: `Ede`, `'s-Hertogenbosch`. */
  name: string;
  /** CBS code of its youth-care region: `JZ21`. */
  region: string;
  /** Other names people use for it: `Den Bosch`. */
  otherNames: string[];
  /** Search keys of its CBS name and then of its other names. */
  keys: string[];
}

export interface Municipalities {
  /** By CBS name, in Dutch order. */
  all: readonly Municipality[];
  /** The municipalities of a youth-care region, in Dutch order. */
  inRegion(region: string): readonly Municipality[];
  /** By CBS code (`GM0228`, any case) or by name as people write it (`Ede`, `den bosch`). */
  find(codeOrName: string): Municipality | undefined;
}

/**
 * Names people use that search would not find from the CBS name: the everyday names of the
 * two cities whose official names start with 's-, and the Dutch names of Frisian municipalities.
 */
const OTHER_NAMES: Record<string, string[]> = {
  GM0518: ['Den Haag', 'The Hague'],
  GM0796: ['Den Bosch'],
  GM1900: ['Zuidwest-Friesland'],
  GM1970: ['Noordoost-Friesland'],
  GM0737: ['Tietjerksteradeel'],
  GM1891: ['Dantumadeel'],
  GM1940: ['De Friese Meren'],
};

/** Indexes the municipalities once per page (map-data.ts). */
export function indexMunicipalities(gemeenten: readonly Gemeente[]): Municipalities {
  const all = gemeenten.map(({ code, name, region }) => {
    const otherNames = OTHER_NAMES[code] ?? [];
    return { code, name, region, otherNames, keys: [name, ...otherNames].map(searchKey) };
  });
  const byRegion = new Map<string, Municipality[]>();
  // A code's search key is the code in lower case, so one map finds a municipality by either.
  const byKey = new Map<string, Municipality>();
  for (const municipality of all) {
    byRegion.set(municipality.region, [...(byRegion.get(municipality.region) ?? []), municipality]);
    for (const key of [searchKey(municipality.code), ...municipality.keys]) byKey.set(key, municipality);
  }
  return {
    all,
    inRegion: (region) => byRegion.get(region) ?? [],
    find: (codeOrName) => byKey.get(queryKey(codeOrName)),
  };
}
