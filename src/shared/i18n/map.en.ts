import type { map as dutch } from './map.js';

/** <cop-region-map>'s own texts in English: a separate file, loaded the first time such a widget gets `lang="en"`. */
export const map: typeof dutch = {
  label: (programme) => `Regions and facilitators of ${programme}`,
  mapLabel: 'Map of the youth-care regions',
  search: 'Find your region',
  searchHint: 'For example Food Valley or Noord-Limburg',
  found: (count) => (count === 0 ? 'No region found' : count === 1 ? '1 region found' : `${count} regions found`),
  view: 'View',
  mapView: 'Map',
  listView: 'List',
  credit: 'Source: CBS, PDOK',
  loading: 'Loading the map…',
  geometryError: 'The map could not be loaded. The facilitators and their regions are in the list.',
  unknownRegions: (codes, count) =>
    count === 1
      ? `The region code ${codes} in this programme does not exist, so that region is not on the map. The other regions are.`
      : `The region codes ${codes} in this programme do not exist, so those regions are not on the map. The other regions are.`,
  prompt: 'Choose a region on the map or find your region.',
  cbsRegion: (name, code) => `CBS youth-care region ${name} (${code})`,
  noFacilitator: 'No facilitator covers this region.',
  askContact: (name) => `Questions? E-mail ${name}:`,
  email: 'E-mail',
  phone: 'Phone',
  facilitators: 'Facilitators',
  listHelp: 'Use the arrow keys to move from region to region and Enter to choose one.',
  unknownCode: (code) => `${code} (unknown region code)`,
  noFacilitators: 'This programme has no facilitators per region (yet).',
};
