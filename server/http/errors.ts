/**
 * Every error the API sends is JSON with a code and Dutch and English text; field errors carry
 * their path, so the widgets can put them next to the field.
 */
import type { Context } from 'hono';
import { describeIssue, issueText, type FeedIssue, type IssueJson } from '../../src/core/issues.js';
import { messages, type Lang } from '../../src/core/messages.js';

export type Text = Record<Lang, string>;
const both = (pick: (lang: Lang) => string): Text => ({ nl: pick('nl'), en: pick('en') });
const say = (nl: string, en: string): Text => ({ nl, en });

export const ERRORS = {
  notFound: say('Dit programma bestaat niet.', 'This programme does not exist.'),
  pollNotFound: say('Deze peiling bestaat niet.', 'This poll does not exist.'),
  notJson: say(
    'Stuur de gegevens als JSON (Content-Type: application/json).',
    'Send the data as JSON (Content-Type: application/json).',
  ),
  badEncoding: say('De gegevens zijn geen geldige UTF-8-tekst.', 'The data is not valid UTF-8 text.'),
  badJson: say('De gegevens zijn geen geldige JSON.', 'The data is not valid JSON.'),
  tooDeep: (levels: number) =>
    say(`De gegevens zijn dieper genest dan ${levels} niveaus.`, `The data is nested deeper than ${levels} levels.`),
  tooLarge: say('De gegevens zijn te groot.', 'The data is too large.'),
  badKey: say(
    'De Idempotency-Key moet 8 tot 100 letters, cijfers of - _ bevatten.',
    'The Idempotency-Key must be 8 to 100 letters, digits or - _.',
  ),
  keyReused: say(
    'Deze Idempotency-Key hoort bij een andere aanmelding. Gebruik voor gewijzigde gegevens een nieuwe sleutel.',
    'This Idempotency-Key belongs to another enrolment. Use a new key for changed details.',
  ),
  enrolmentNotFound: say('Deze aanmelding bestaat niet (meer).', 'This enrolment does not exist (any more).'),
  notWaiting: say('Deze aanmelding staat niet op de wachtlijst.', 'This enrolment is not on the waiting list.'),
  invalid: say('Niet alle gegevens zijn goed ingevuld.', 'Not all details are filled in correctly.'),
  origin: (origin: string) =>
    say(
      `Deze site (${origin}) mag nog niet aanmelden of stemmen bij deze server: de beheerder van de server moet ${origin} toevoegen aan ALLOWED_ORIGINS.`,
      `This site (${origin}) may not enrol or vote with this server yet: the server's administrator must add ${origin} to ALLOWED_ORIGINS.`,
    ),
  adminOrigin: say(
    'Beheer kan alleen vanaf de server zelf, niet vanaf een andere site.',
    'Administration works only from the server itself, not from another site.',
  ),
  badOrigin: say(
    'Geef een origin zoals https://www.voorbeeld.nl (schema, host en eventueel poort, zonder pad).',
    'Give an origin such as https://www.example.org (scheme, host and optionally port, no path).',
  ),
  rateLimited: say(
    'Te veel verzoeken. Probeer het over een minuut opnieuw.',
    'Too many requests. Try again in a minute.',
  ),
  tooManyStreams: say(
    'Er staan vanaf uw adres al te veel live verbindingen open. Sluit een paar vensters en probeer het opnieuw.',
    'Too many live connections are open from your address. Close a few windows and try again.',
  ),
  unauthorised: say('Geen toegang: een geldig beheertoken is nodig.', 'No access: a valid admin token is required.'),
  pollClosed: say('De peiling is gesloten.', 'The poll is closed.'),
  pollPastClosing: say(
    'De peiling is voorbij de sluitingstijd uit de feed en kan niet meer open. Pas "closes" in de feed aan om langer te stemmen.',
    'The poll is past the closing time in its feed and cannot open again. Change "closes" in the feed to vote longer.',
  ),
  resultsHidden: say(
    'De resultaten zijn nog verborgen; de organisator laat ze straks zien.',
    'The results are still hidden; the organiser will show them shortly.',
  ),
  noStream: say('Live resultaten zijn niet beschikbaar.', 'Live results are not available.'),
  noRoute: say('Dit adres bestaat niet.', 'This address does not exist.'),
  unavailable: say(
    'De dienst is tijdelijk niet beschikbaar. Probeer het later opnieuw.',
    'The service is temporarily unavailable. Try again later.',
  ),
  stopping: say(
    'De server wordt herstart. Probeer het over een paar seconden opnieuw.',
    'The server is restarting. Try again in a few seconds.',
  ),
  failed: say(
    'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
    'Something went wrong on our side. Try again later.',
  ),
  refused: {
    closed: both((l) => messages(l).enrolmentStatus.closed),
    'not-yet-open': say('Aanmelden is nog niet geopend.', 'Enrolment has not opened yet.'),
    full: both((l) => messages(l).enrolmentStatus.full),
    cancelled: both((l) => messages(l).enrolmentStatus.cancelled),
  },
};

/** A field error for any client: path and message key for widgets, the text in both languages for people. */
const issueJson = (issue: FeedIssue): IssueJson => ({
  ...issue,
  message: both((lang) => issueText(issue, lang)),
  text: both((lang) => describeIssue(issue, lang)),
});

/** A body full of wrong fields must not buy an answer many times its size: the first 100 say enough. */
const MAX_ISSUES = 100;
export const issuesJson = (issues: readonly FeedIssue[]) => ({
  issues: issues.slice(0, MAX_ISSUES).map(issueJson),
  ...(issues.length > MAX_ISSUES ? { moreIssues: issues.length - MAX_ISSUES } : {}),
});

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
export const error = (c: Context, status: ErrorStatus, code: string, message: Text, extra: object = {}) =>
  c.json({ error: code, message, ...extra }, status);

/** 422 with the fields that are wrong. */
export const invalid = (c: Context, issues: readonly FeedIssue[]) =>
  error(c, 422, 'invalid', ERRORS.invalid, issuesJson(issues));

/** 429 or 503 that says when to come back. */
export const tryLater = (c: Context, status: 429 | 503, code: string, message: Text, waitMs: number) => {
  c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  return error(c, status, code, message);
};

/**
 * Socket errors, and PostgreSQL's "connection exception" class (08…), "insufficient resources"
 * (53…: a full disk, out of memory), a read-only database (25006) and shutdown codes (57P01–57P03).
 */
const UNAVAILABLE_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|ENOSPC|08\w{3}|53\w{3}|25006|57P0[123])$/;

/** Whether a failure means the database cannot serve now (down, restarting, disk full), rather than a bug. */
export function unavailable(failure: Error): boolean {
  const code = (failure as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return true;
  // node-postgres says these without a code.
  return /Connection terminated|timeout exceeded when trying to connect/i.test(failure.message);
}

/** A participant token is a pseudonymous identifier: the log shows where it stood, not what it was. */
export const loggedPath = (path: string) => path.replace(/^(\/api\/polls\/[^/]+\/votes\/)[^/]+$/, '$1:participant');
