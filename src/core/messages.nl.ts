/**
 * Dutch, the default language: the texts every widget needs (dates, loading and error states,
 * enrolment status, feed errors), also used by the server. English is in `messages.en.ts`; each
 * widget's own texts are in its own folder.
 */
export const nl = {
  dates: {
    /** "13.00–17.00 uur" */
    timeRange: (from: string, to: string) => `${from}–${to} uur`,
  },
  session: {
    /** Shown, and written into calendar files, for a session whose location is not yet known. */
    locationUnknown: 'Locatie volgt',
  },
  states: {
    newWindow: 'opent in een nieuw venster',
    loading: 'Bezig met laden…',
    empty: 'Er is nog niets te tonen.',
    errorTitle: 'Dit onderdeel kan niet worden getoond',
    more: (count: number) => `en nog ${count} ${count === 1 ? 'fout' : 'fouten'}`,
    retry: 'Opnieuw proberen',
    noFeed: 'Er is geen programma opgegeven: zet een src-attribuut of een feed-eigenschap op het element.',
  },
  enrolmentStatus: {
    until: (date: string) => `Aanmelden kan tot ${date}`,
    from: (date: string) => `Aanmelden kan vanaf ${date}`,
    placesLeft: (count: number) => (count === 1 ? 'Nog 1 plaats' : `Nog ${count} plaatsen`),
    waitlist: 'Vol — wachtlijst',
    full: 'Vol',
    closed: 'Aanmelden gesloten',
    cancelled: 'Dit programma gaat niet door',
    open: 'Aanmelden kan',
  },
  feedError: {
    network: (url: string) =>
      `Het programma kon niet worden opgehaald van ${url}. Controleer de internetverbinding en probeer het opnieuw.`,
    timeout: (url: string, seconds: number) =>
      `Het ophalen van het programma van ${url} duurde langer dan ${seconds} seconden.`,
    aborted: 'Het ophalen van het programma is afgebroken.',
    http: (url: string, status: number) =>
      `Het programma kon niet worden opgehaald van ${url} (HTTP-status ${status}).`,
    json: (url: string) => `Het bestand op ${url} is geen geldige JSON.`,
    schema: (count: number) => (count === 1 ? 'Het programma bevat een fout:' : `Het programma bevat ${count} fouten:`),
  },
  /** Messages for one problem in a feed; each follows the field's path, e.g. "sessions[3].end ligt vóór start". */
  issue: {
    missing: 'ontbreekt',
    type: (expected: string) => `moet ${typeNames.nl[expected] ?? expected} zijn`,
    tooShort: (min: number) => (min <= 1 ? 'mag niet leeg zijn' : `moet minstens ${min} tekens hebben`),
    tooLong: (max: number) => `mag hoogstens ${max} tekens hebben`,
    tooFewItems: (min: number) => `moet minstens ${min} ${min === 1 ? 'item' : 'items'} bevatten`,
    tooManyItems: (max: number) => `mag hoogstens ${max} items bevatten`,
    tooSmall: (min: number) => `moet minstens ${min} zijn`,
    tooBig: (max: number) => `mag hoogstens ${max} zijn`,
    notInteger: 'moet een geheel getal zijn',
    dateTime: 'is geen datum en tijd met tijdzone, zoals 2026-03-02T13:00:00+01:00',
    email: 'is geen geldig e-mailadres',
    oneOf: (values: string) => `moet een van deze waarden zijn: ${values}`,
    invalid: 'is ongeldig',
    endBeforeStart: 'ligt vóór of op start: het einde moet na het begin liggen',
    closesBeforeOpens: 'ligt vóór of op opens: aanmelden moet sluiten nadat het opent',
    duplicateId: (id: string) => `"${id}" komt twee keer voor; ids moeten uniek zijn`,
    unknownReference: (id: string, list: string) => `verwijst naar "${id}", maar dat staat niet in ${list}`,
    urlScheme: 'moet een link zijn die begint met https://, http:// of mailto:',
    webUrl: 'moet een webadres zijn dat begint met https:// of http://',
    endpointScheme: 'moet een http(s)-adres zijn of een pad zoals /api/…',
    scaleRange: 'moet groter zijn dan min',
    language: 'is geen taalcode zoals nl of en',
    regionCode: 'is geen CBS-jeugdregiocode zoals JZ21',
    idFormat: 'is geen geldige id: gebruik letters, cijfers, - en _ (hoogstens 64 tekens)',
    roleRequired: (role: string) => `mist een teamlid voor de rol "${role}", die verplicht is`,
    emailTwice: 'komt twee keer voor in dit team; ieder teamlid heeft een eigen e-mailadres',
    alreadyEnrolled: 'is al aangemeld voor dit programma',
    phoneFormat: 'is geen geldig telefoonnummer',
    tooFast: 'is te snel ingevuld; probeer het opnieuw',
    lineBreak: 'mag geen regeleinde bevatten: zet alles op één regel',
    invisibleCharacters:
      'bevat onzichtbare tekens (stuur- of richtingstekens); typ de tekst opnieuw in plaats van hem te plakken',
    fieldName: 'is geen toegestane veldnaam',
  },
};

const typeNames: Record<'nl' | 'en', Record<string, string>> = {
  nl: {
    string: 'tekst',
    number: 'een getal',
    boolean: 'ja of nee (true/false)',
    array: 'een lijst',
    object: 'een object',
  },
  en: { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object' },
};

export { typeNames };
/** The texts every widget shares, in one language. */
export type SharedMessages = typeof nl;
