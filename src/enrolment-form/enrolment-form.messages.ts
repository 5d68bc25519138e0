/** <cop-enrolment-form>'s own texts in Dutch, the default; English is in enrolment-form.messages.en.ts. */
export const enrolment = {
  /** Before the programme's title in the heading: "Aanmelden voor" CoP Monitoring. */
  labelBefore: 'Aanmelden voor',
  label: (programme: string) => `Aanmelden voor ${programme}`,
  sessionsSummary: (count: number, first: string) =>
    count === 1 ? `1 bijeenkomst: ${first}` : `${count} bijeenkomsten, de eerste op ${first}`,
  required: 'verplicht',
  optional: 'optioneel',
  optionalRoleHint: 'Vul deze gegevens in als er iemand uit deze hoek meedoet.',
  name: 'Naam',
  organisation: 'Organisatie',
  jobTitle: 'Functie',
  email: 'E-mailadres',
  phone: 'Telefoonnummer',
  session: 'Bijeenkomst',
  sessions: 'Bijeenkomsten',
  chooseSessions: 'Kies een of meer bijeenkomsten',
  sessionPlaced: (title: string, waiting: boolean, position?: number) =>
    `${title}: ${waiting ? `op de wachtlijst${position ? `, plaats ${position}` : ''}` : 'aangemeld'}`,
  chooseSession: 'Kies een bijeenkomst',
  theme: 'Thema',
  themes: "Thema's",
  remark: 'Opmerking',
  remarkHint: 'Bijvoorbeeld een vraag die u wilt inbrengen.',
  consent: 'Ik geef toestemming om mijn gegevens te gebruiken voor deze aanmelding.',
  privacy: 'Lees hoe we met uw gegevens omgaan',
  honeypot: 'Laat dit veld leeg',
  submit: 'Aanmelden',
  submitWaitlist: 'Aanmelden voor de wachtlijst',
  submitMail: 'Aanmelding mailen',
  busy: 'Bezig met aanmelden…',
  summaryTitle: (count: number) =>
    count === 1 ? 'Er is 1 fout in het formulier:' : `Er zijn ${count} fouten in het formulier:`,
  sessionRequired: 'Kies een bijeenkomst.',
  fieldRequired: 'Vul dit veld in.',
  consentRequired: 'Geef toestemming om u aan te melden.',
  roleRequired: (role: string) => `Vul de gegevens in van het teamlid voor ${role}.`,
  waitlistNotice: 'Alle plaatsen zijn bezet. U kunt zich aanmelden voor de wachtlijst.',
  notYetOpen: (date: string) => `Aanmelden kan vanaf ${date}.`,
  closed: 'Aanmelden is gesloten.',
  full: 'Alle plaatsen zijn bezet en er is geen wachtlijst.',
  cancelled: 'Dit programma gaat niet door.',
  contact: (name: string) => `Vragen? Mail ${name}:`,
  confirmedTitle: 'U bent aangemeld',
  confirmedText: 'Elk teamlid krijgt een bevestiging per e-mail. Zet de bijeenkomsten alvast in uw agenda.',
  waitlistedTitle: (position: number) => `U komt op de wachtlijst, plaats ${position}`,
  waitlistedText: 'Komt er een plaats vrij, dan hoort u dat van de organisator.',
  addSessions: 'Bijeenkomsten in uw agenda (.ics)',
  another: 'Nog een team aanmelden',
  mailTitle: 'Uw aanmelding staat klaar in uw e-mailprogramma',
  mailText: (email: string) =>
    `Deze aanmelding gaat per e-mail naar ${email}. Verstuur het bericht om u aan te melden. Opent er niets? Gebruik dan deze link:`,
  mailLink: 'Aanmelding mailen',
  mailNote: 'Dit formulier stuurt uw aanmelding per e-mail.',
  networkError:
    'Uw aanmelding is niet verstuurd: er is geen verbinding met de server. Uw gegevens staan er nog; probeer het opnieuw.',
  serverError:
    'Uw aanmelding is niet gelukt door een storing bij de server. Uw gegevens staan er nog; probeer het zo opnieuw.',
  offline:
    'Uw aanmelding is niet verstuurd: uw apparaat is offline. Uw gegevens staan er nog; probeer het opnieuw zodra u weer verbinding hebt.',
  timeout:
    'De server antwoordde niet op tijd. Uw gegevens staan er nog; probeer het opnieuw (u wordt niet dubbel aangemeld).',
  originRefused: (origin: string, server: string) =>
    `Deze site (${origin}) mag nog niet aanmelden bij ${server}: vraag de beheerder van het aanmeldsysteem om deze site toe te voegen (ALLOWED_ORIGINS).`,
  originMail: 'U kunt zich wel per e-mail aanmelden; uw gegevens staan er nog.',
  rateLimited: 'Er zijn te veel aanmeldingen tegelijk verstuurd. Wacht een minuut en probeer het opnieuw.',
  retry: 'Opnieuw proberen',
  draftRestored: 'Uw eerder ingevulde gegevens zijn teruggezet.',
};

export type EnrolmentMessages = typeof enrolment;
