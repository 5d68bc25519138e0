import type { MapMessages } from './region-map.messages.js';

/** <cop-region-map>'s own texts in English: a separate file, loaded the first time such a widget gets `lang="en"`. */
export const map: MapMessages = {
  label: (programme) => `Regions and facilitators of ${programme}`,
  mapLabel: 'Map of the youth-care regions',
  search: 'Find your municipality or region',
  searchHint: 'For example Ede, Den Bosch or Food Valley',
  found: (count) => (count === 0 ? 'No municipality or region found' : count === 1 ? '1 result' : `${count} results`),
  resultRegion: (region) => `Youth-care region ${region}`,
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
  unknownMunicipality: (value) =>
    `The municipality “${value}” is not in the CBS division of 2025. ` +
    'Search for your municipality or choose your region on the map.',
  prompt: 'Choose a region on the map or find your municipality or region.',
  officialName: (label, cbsName) => `${label} – youth-care region ${cbsName}`,
  cbsRegion: (name, code) => `CBS youth-care region ${name} (${code})`,
  municipalityIn: (municipality, name, code) => `${municipality} lies in CBS youth-care region ${name} (${code})`,
  liesIn: (municipality, region) => `${municipality} lies in youth-care region ${region}`,
  coveredBy: (names, count) => `${names} ${count === 1 ? 'covers' : 'cover'} this region.`,
  municipalities: (count) => (count === 1 ? 'Municipality in this region' : `${count} municipalities in this region`),
  noFacilitator: 'No facilitator covers this region.',
  askContact: (name) => `Questions? E-mail ${name}:`,
  email: 'E-mail',
  phone: 'Phone',
  zoomIn: (region) => `Zoom in on ${region}`,
  zoomOut: 'Show the whole country',
  facilitators: 'Facilitators',
  listHelp: 'Use the arrow keys to move from region to region and Enter to choose one.',
  unknownCode: (code) => `${code} (unknown region code)`,
  noFacilitators: 'This programme has no facilitators per region (yet).',
};
