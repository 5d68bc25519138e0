/** <cop-region-map>'s own texts in Dutch, the default; English is in region-map.messages.en.ts. */
export const map = {
  label: (programme: string) => `Regio's en begeleiders van ${programme}`,
  mapLabel: "Kaart van de jeugdregio's",
  search: 'Zoek uw gemeente of regio',
  searchHint: 'Bijvoorbeeld Ede, Den Bosch of Food Valley',
  found: (count: number) =>
    count === 0 ? 'Geen gemeente of regio gevonden' : count === 1 ? '1 resultaat' : `${count} resultaten`,
  /** A search result for a municipality: the region it lies in. */
  resultRegion: (region: string) => `Jeugdregio ${region}`,
  view: 'Weergave',
  mapView: 'Kaart',
  listView: 'Lijst',
  credit: 'Bron: CBS, PDOK',
  loading: 'De kaart wordt geladen…',
  geometryError: "De kaart kon niet worden geladen. De begeleiders en hun regio's staan in de lijst.",
  unknownRegions: (codes: string, count: number) =>
    count === 1
      ? `De regiocode ${codes} in dit programma bestaat niet; die regio staat niet op de kaart. De andere regio's wel.`
      : `De regiocodes ${codes} in dit programma bestaan niet; die regio's staan niet op de kaart. De andere regio's wel.`,
  unknownMunicipality: (value: string) =>
    `De gemeente „${value}” staat niet in de CBS-indeling van 2025. Zoek uw gemeente of kies uw regio op de kaart.`,
  prompt: 'Kies een regio op de kaart of zoek uw gemeente of regio.',
  /** A feed's own name for a region beside the official one: "Almere – jeugdregio Flevoland". */
  officialName: (label: string, cbsName: string) => `${label} – jeugdregio ${cbsName}`,
  cbsRegion: (name: string, code: string) => `CBS-jeugdregio ${name} (${code})`,
  municipalityIn: (municipality: string, name: string, code: string) =>
    `${municipality} ligt in CBS-jeugdregio ${name} (${code})`,
  /** Said when a municipality is chosen: "Ede ligt in jeugdregio Food Valley". */
  liesIn: (municipality: string, region: string) => `${municipality} ligt in jeugdregio ${region}`,
  coveredBy: (names: string, count: number) => `${names} ${count === 1 ? 'begeleidt' : 'begeleiden'} deze regio.`,
  municipalities: (count: number) => (count === 1 ? 'Gemeente in deze regio' : `${count} gemeenten in deze regio`),
  noFacilitator: 'Voor deze regio is geen vaste begeleider.',
  askContact: (name: string) => `Vragen? Mail ${name}:`,
  email: 'E-mail',
  phone: 'Telefoon',
  zoomIn: (region: string) => `Inzoomen op ${region}`,
  zoomOut: 'Hele land tonen',
  facilitators: 'Begeleiders',
  listHelp: 'Gebruik de pijltoetsen om van regio naar regio te gaan en Enter om een regio te kiezen.',
  unknownCode: (code: string) => `${code} (onbekende regiocode)`,
  noFacilitators: 'Dit programma heeft (nog) geen begeleiders per regio.',
};

export type MapMessages = typeof map;
