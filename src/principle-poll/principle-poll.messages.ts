/** <cop-principle-poll>'s own texts in Dutch, the default; English is in principle-poll.messages.en.ts. */
export const poll = {
  scaleHelp: (min: number, max: number, minLabel: string, maxLabel: string) =>
    `Geef per principe een score van ${min} (${minLabel}) tot ${max} (${maxLabel}). Weet u het niet, kies dan "Sla over".`,
  skip: 'Sla over',
  previousVote:
    'U hebt al gestemd. Uw scores staan hieronder; wijzig wat u wilt en verstuur opnieuw. Dat kan zolang de peiling open is.',
  previousUnknown: 'Uw eerdere stem kon niet worden opgehaald. Stemt u opnieuw, dan vervangt dat uw eerdere stem.',
  progress: (rated: number, total: number) =>
    rated === 0
      ? 'U hebt nog geen score gegeven; geef bij minstens één principe een score.'
      : rated === total
        ? `Alle ${total} principes hebben een score.`
        : `${rated} van ${total} principes hebben een score; de andere slaat u over.`,
  submit: 'Stem versturen',
  submitChange: 'Gewijzigde stem versturen',
  busy: 'Bezig met versturen…',
  retry: 'Opnieuw proberen',
  noRatings: 'Geef bij minstens één principe een score.',
  networkError:
    'Uw stem is niet verstuurd: er is geen verbinding met de server. Uw keuzes staan er nog; probeer het opnieuw.',
  serverError:
    'Uw stem is niet opgeslagen door een storing bij de server. Uw keuzes staan er nog; probeer het zo opnieuw.',
  voteOffline:
    'Uw stem is niet verstuurd: uw apparaat is offline. Uw keuzes staan er nog; probeer het opnieuw zodra u weer verbinding hebt.',
  voteTimeout:
    'De server antwoordde niet op tijd. Uw keuzes staan er nog; probeer het opnieuw (uw stem telt één keer).',
  originRefused: (origin: string, server: string) =>
    `Deze site (${origin}) mag nog niet stemmen bij ${server}: vraag de beheerder van het stemsysteem om deze site toe te voegen (ALLOWED_ORIGINS). Uw keuzes staan er nog.`,
  rateLimited: 'Er worden nu te veel stemmen tegelijk verstuurd. Wacht een minuut en probeer het opnieuw.',
  closedOnSubmit: 'De peiling is inmiddels gesloten; uw stem is niet meer opgeslagen.',
  storedTitle: 'Uw stem is opgeslagen',
  replacedTitle: 'Uw stem is gewijzigd',
  storedText: (rated: number, skipped: number) =>
    `U gaf ${rated === 1 ? '1 score' : `${rated} scores`}${skipped ? ` en sloeg ${skipped === 1 ? '1 principe' : `${skipped} principes`} over` : ''}. U kunt uw stem wijzigen zolang de peiling open is.`,
  change: 'Stem wijzigen',
  closed: 'De peiling is gesloten. Dit zijn de eindresultaten.',
  unavailable: 'Stemmen en resultaten zijn niet beschikbaar: deze peiling is niet gekoppeld aan een server.',
  noPoll: 'Dit programma heeft geen peiling.',
  results: 'Resultaten',
  projectorLabel: (question: string) => `Resultaten op het scherm: ${question}`,
  finalResults: 'Eindresultaten',
  participants: (count: number) => (count === 1 ? '1 deelnemer' : `${count} deelnemers`),
  sortByMean: 'Laagste gemiddelde eerst',
  scores: (count: number) => (count === 1 ? '1 score' : `${count} scores`),
  noScores: 'nog geen scores',
  lowest: 'Aandachtspunt',
  lowestHelp: (asked: number, marked: number) =>
    marked > asked
      ? `Aandachtspunt: de ${asked} laagste gemiddelden. Door gelijke scores zijn het er ${marked}.`
      : `Aandachtspunt: de ${asked} laagste gemiddelden.`,
  votes: (count: number) => (count === 1 ? '1 stem' : `${count} stemmen`),
  scanToVote: 'Scan de code en geef uw scores',
  goTo: 'of ga naar',
  qrLabel: (url: string) => `QR-code naar ${url}`,
  fullscreen: 'Volledig scherm',
  fullscreenExit: 'Volledig scherm sluiten',
  noScoresYet: 'Nog geen scores',
  hidden: 'De resultaten worden straks getoond.',
  exportTitle: 'Resultaten downloaden',
  exportPng: 'Afbeelding (PNG)',
  exportSvg: 'Afbeelding (SVG)',
  exportCsv: 'Tabel (CSV)',
  exportFailed: 'De download kon niet worden gemaakt. Probeer het opnieuw.',
  presenterLabel: (question: string) => `Bediening: ${question}`,
  tokenLabel: 'Beheertoken',
  tokenHelp: 'Het token dat de server als ADMIN_TOKEN kent. Het blijft alleen in dit tabblad bewaard.',
  signIn: 'Bediening openen',
  signOut: 'Token vergeten',
  tokenMissing: 'Vul het beheertoken in.',
  tokenWrong: 'Dit token klopt niet. Controleer het en probeer het opnieuw.',
  noPresenter:
    'Bediening kan alleen bij een peiling op de referentieserver (een endpoint dat eindigt op /api/polls/…).',
  stateOpen: 'Stemmen is open.',
  stateClosed: 'Stemmen is gesloten.',
  stateShown: 'De zaal ziet de resultaten.',
  stateHidden: 'De resultaten zijn verborgen voor de zaal.',
  action: {
    open: 'Stemmen openen',
    close: 'Stemmen sluiten',
    hide: 'Resultaten verbergen',
    reveal: 'Resultaten tonen',
    reset: 'Opnieuw beginnen',
  },
  actionDone: {
    open: 'Stemmen is weer open.',
    close: 'Stemmen is gesloten.',
    hide: 'De resultaten zijn verborgen.',
    reveal: 'De resultaten zijn zichtbaar.',
    reset: 'Alle stemmen zijn verwijderd; stemmen is open.',
  },
  resetConfirm: 'Alle stemmen worden verwijderd. Dat kan niet ongedaan worden gemaakt.',
  resetYes: 'Ja, alle stemmen verwijderen',
  cancel: 'Annuleren',
  preview: 'Wat de zaal ziet als u de resultaten toont',
  pastClosing:
    'De sluitingstijd uit de feed is voorbij: de peiling kan niet meer open. Pas "closes" in de feed aan om langer te stemmen.',
  actionFailed: 'Dat lukte niet: geen verbinding met de server of een storing. Probeer het opnieuw.',
  stateTitle: 'Stand van zaken',
  tableCaption: (question: string, min: number, max: number) =>
    `${question} Gemiddelde score per principe op een schaal van ${min} tot ${max}, en hoe vaak elke score is gegeven.`,
  principle: 'Principe',
  mean: 'Gemiddelde',
  count: 'Aantal scores',
  score: (score: number) => `Score ${score}`,
  yes: 'ja',
  no: 'nee',
  live: 'Live: de resultaten worden bijgewerkt zodra iemand stemt.',
  connecting: 'Verbinden met de live resultaten…',
  polling: (seconds: number) =>
    `De live verbinding is onderbroken. De resultaten worden elke ${seconds === 1 ? 'seconde' : `${seconds} seconden`} opgehaald.`,
  offline: (time: string) =>
    `Geen verbinding met de server. De resultaten zijn van ${time} uur; we blijven het proberen.`,
  offlineNoResults: 'Geen verbinding met de server; we blijven het proberen.',
  resultsError: 'De resultaten konden niet worden opgehaald.',
  announce: (participants: string, lowest: string) =>
    `Resultaten bijgewerkt: ${participants}.${lowest ? ` Aandachtspunten: ${lowest}.` : ''}`,
};

export type PollMessages = typeof poll;
