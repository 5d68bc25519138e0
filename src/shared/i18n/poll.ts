import { widgetMessages } from './index.js';

/** <cop-principle-poll>'s own texts in Dutch, the default; English is in poll.en.ts. */
export const poll = {
  scaleHelp: (min: number, max: number, minLabel: string, maxLabel: string) =>
    `Geef per principe een score van ${min} (${minLabel}) tot ${max} (${maxLabel}). Weet u het niet, kies dan "Sla over".`,
  skip: 'Sla over',
  previousVote: 'U hebt al gestemd. Uw scores staan hieronder; wijzig wat u wilt en verstuur opnieuw. Dat kan zolang de peiling open is.',
  previousUnknown: 'Uw eerdere stem kon niet worden opgehaald. Stemt u opnieuw, dan vervangt dat uw eerdere stem.',
  progress: (rated: number, total: number) => (rated === total ? `Alle ${total} principes hebben een score.` : `${rated} van ${total} principes hebben een score; de andere slaat u over.`),
  submit: 'Stem versturen',
  submitChange: 'Gewijzigde stem versturen',
  busy: 'Bezig met versturen…',
  retry: 'Opnieuw proberen',
  noRatings: 'Geef bij minstens één principe een score.',
  networkError: 'Uw stem is niet verstuurd: er is geen verbinding met de server. Uw keuzes staan er nog; probeer het opnieuw.',
  serverError: 'Uw stem is niet opgeslagen door een storing bij de server. Uw keuzes staan er nog; probeer het zo opnieuw.',
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
  lowestHelp: (count: number) => `Aandachtspunt: een van de ${count} laagste gemiddelden (bij gelijke stand kunnen het er meer zijn).`,
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
  polling: (seconds: number) => `De live verbinding is onderbroken. De resultaten worden elke ${seconds === 1 ? 'seconde' : `${seconds} seconden`} opgehaald.`,
  offline: (time: string) => `Geen verbinding met de server. De resultaten zijn van ${time} uur; we blijven het proberen.`,
  offlineNoResults: 'Geen verbinding met de server; we blijven het proberen.',
  resultsError: 'De resultaten konden niet worden opgehaald.',
  announce: (participants: string, lowest: string) => `Resultaten bijgewerkt: ${participants}.${lowest ? ` Aandachtspunten: ${lowest}.` : ''}`,
};

/** Dutch bundled with the widget; English fetched only when one of these widgets speaks it. */
export const pollMessages = widgetMessages({ poll }, () => import('./poll.en.js'));
