import { typeNames, type SharedMessages } from './messages.nl.js';

/**
 * English texts every widget shares; chosen with `lang="en"` on the element or an ancestor.
 * Small, so they come with every widget: feed errors read in English without waiting.
 */
export const en: SharedMessages = {
  dates: {
    timeRange: (from, to) => `${from}–${to}`,
  },
  session: {
    locationUnknown: 'Location to be announced',
  },
  states: {
    newWindow: 'opens in a new window',
    loading: 'Loading…',
    empty: 'There is nothing to show yet.',
    errorTitle: 'This part cannot be shown',
    more: (count) => `and ${count} more ${count === 1 ? 'error' : 'errors'}`,
    retry: 'Try again',
    noFeed: 'No programme was given: set a src attribute or a feed property on the element.',
  },
  enrolmentStatus: {
    until: (date) => `Enrolment open until ${date}`,
    from: (date) => `Enrolment opens on ${date}`,
    placesLeft: (count) => (count === 1 ? '1 place left' : `${count} places left`),
    waitlist: 'Full — waiting list',
    full: 'Full',
    closed: 'Enrolment closed',
    cancelled: 'This programme has been cancelled',
    open: 'Enrolment open',
  },
  feedError: {
    network: (url) => `The programme could not be fetched from ${url}. Check the internet connection and try again.`,
    timeout: (url, seconds) => `Fetching the programme from ${url} took longer than ${seconds} seconds.`,
    aborted: 'Fetching the programme was cancelled.',
    http: (url, status) => `The programme could not be fetched from ${url} (HTTP status ${status}).`,
    json: (url) => `The file at ${url} is not valid JSON.`,
    schema: (count) => (count === 1 ? 'The programme contains an error:' : `The programme contains ${count} errors:`),
  },
  issue: {
    missing: 'is missing',
    type: (expected) => `must be ${typeNames.en[expected] ?? expected}`,
    tooShort: (min) => (min <= 1 ? 'must not be empty' : `must have at least ${min} characters`),
    tooLong: (max) => `must have at most ${max} characters`,
    tooFewItems: (min) => `must contain at least ${min} ${min === 1 ? 'item' : 'items'}`,
    tooManyItems: (max) => `must contain at most ${max} items`,
    tooSmall: (min) => `must be at least ${min}`,
    tooBig: (max) => `must be at most ${max}`,
    notInteger: 'must be a whole number',
    dateTime: 'is not a date and time with an offset, such as 2026-03-02T13:00:00+01:00',
    email: 'is not a valid e-mail address',
    oneOf: (values) => `must be one of: ${values}`,
    invalid: 'is invalid',
    endBeforeStart: 'is at or before start: the end must come after the start',
    closesBeforeOpens: 'is at or before opens: enrolment must close after it opens',
    duplicateId: (id) => `"${id}" occurs twice; ids must be unique`,
    unknownReference: (id, list) => `refers to "${id}", which is not in ${list}`,
    urlScheme: 'must be a link starting with https://, http:// or mailto:',
    webUrl: 'must be a web address starting with https:// or http://',
    endpointScheme: 'must be an http(s) address or a path such as /api/…',
    scaleRange: 'must be greater than min',
    language: 'is not a language code such as nl or en',
    regionCode: 'is not a CBS youth-care region code such as JZ21',
    idFormat: 'is not a valid id: use letters, digits, - and _ (at most 64 characters)',
    roleRequired: (role) => `needs a team member for the role "${role}", which is required`,
    emailTwice: 'occurs twice in this team; each member needs their own e-mail address',
    alreadyEnrolled: 'is already enrolled in this programme',
    phoneFormat: 'is not a valid phone number',
    tooFast: 'was filled in too quickly; please try again',
    lineBreak: 'must not contain a line break: keep it on one line',
    invisibleCharacters:
      'contains invisible characters (control or direction characters); type the text again instead of pasting it',
    fieldName: 'is not an allowed field name',
  },
};
