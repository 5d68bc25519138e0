import { widgetMessages } from './index.js';

/** <cop-region-map>'s own texts in Dutch, the default; English is in map.en.ts. */
export const map = {
  label: (programme: string) => `Regio's en begeleiders van ${programme}`,
  mapLabel: "Kaart van de jeugdregio's",
  search: 'Zoek uw regio',
  searchHint: 'Bijvoorbeeld Food Valley of Noord-Limburg',
  found: (count: number) => (count === 0 ? 'Geen regio gevonden' : count === 1 ? '1 regio gevonden' : `${count} regio's gevonden`),
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
  prompt: 'Kies een regio op de kaart of zoek uw regio.',
  cbsRegion: (name: string, code: string) => `CBS-jeugdregio ${name} (${code})`,
  noFacilitator: 'Voor deze regio is geen vaste begeleider.',
  askContact: (name: string) => `Vragen? Mail ${name}:`,
  email: 'E-mail',
  phone: 'Telefoon',
  facilitators: 'Begeleiders',
  listHelp: 'Gebruik de pijltoetsen om van regio naar regio te gaan en Enter om een regio te kiezen.',
  unknownCode: (code: string) => `${code} (onbekende regiocode)`,
  noFacilitators: 'Dit programma heeft (nog) geen begeleiders per regio.',
};

/** Dutch bundled with the widget; English fetched only when one of these widgets speaks it. */
export const mapMessages = widgetMessages({ map }, () => import('./map.en.js'));
