import type { PollMessages } from './principle-poll.messages.js';

/** <cop-principle-poll>'s own texts in English: a separate file, loaded the first time such a widget gets `lang="en"`. */
export const poll: PollMessages = {
  scaleHelp: (min, max, minLabel, maxLabel) =>
    `Rate each principle from ${min} (${minLabel}) to ${max} (${maxLabel}). Not sure? Choose "Skip".`,
  skip: 'Skip',
  previousVote:
    'You have already voted. Your ratings are shown below; change what you like and send again. You can do so while the poll is open.',
  previousUnknown: 'Your earlier vote could not be fetched. If you vote again, it replaces your earlier vote.',
  progress: (rated, total) =>
    rated === 0
      ? 'You have not rated anything yet; rate at least one principle.'
      : rated === total
        ? `All ${total} principles have a rating.`
        : `${rated} of ${total} principles have a rating; you skip the others.`,
  submit: 'Send vote',
  submitChange: 'Send changed vote',
  busy: 'Sending…',
  retry: 'Try again',
  noRatings: 'Rate at least one principle.',
  networkError:
    'Your vote was not sent: there is no connection to the server. Your choices are still here; please try again.',
  serverError:
    'Your vote was not saved because of a server problem. Your choices are still here; please try again shortly.',
  voteOffline:
    'Your vote was not sent: your device is offline. Your choices are still here; please try again once you are connected.',
  voteTimeout:
    'The server did not answer in time. Your choices are still here; please try again (your vote counts once).',
  originRefused: (origin: string, server: string) =>
    `This site (${origin}) may not vote with ${server} yet: ask the administrator of the voting system to add this site (ALLOWED_ORIGINS). Your choices are still here.`,
  rateLimited: 'Too many votes are being sent at once. Wait a minute and try again.',
  closedOnSubmit: 'The poll has closed in the meantime; your vote was not saved.',
  storedTitle: 'Your vote has been saved',
  replacedTitle: 'Your vote has been changed',
  storedText: (rated, skipped) =>
    `You gave ${rated === 1 ? '1 rating' : `${rated} ratings`}${skipped ? ` and skipped ${skipped === 1 ? '1 principle' : `${skipped} principles`}` : ''}. You can change your vote while the poll is open.`,
  change: 'Change vote',
  closed: 'The poll is closed. These are the final results.',
  unavailable: 'Voting and results are not available: this poll is not connected to a server.',
  noPoll: 'This programme has no poll.',
  results: 'Results',
  projectorLabel: (question: string) => `Results on screen: ${question}`,
  finalResults: 'Final results',
  participants: (count) => (count === 1 ? '1 participant' : `${count} participants`),
  sortByMean: 'Lowest average first',
  scores: (count) => (count === 1 ? '1 rating' : `${count} ratings`),
  noScores: 'no ratings yet',
  lowest: 'Point of attention',
  lowestHelp: (asked, marked) =>
    marked > asked
      ? `Point of attention: the ${asked} lowest averages. With tied scores there are ${marked}.`
      : `Point of attention: the ${asked} lowest averages.`,
  votes: (count) => (count === 1 ? '1 vote' : `${count} votes`),
  scanToVote: 'Scan the code and give your ratings',
  goTo: 'or go to',
  qrLabel: (url) => `QR code to ${url}`,
  fullscreen: 'Full screen',
  fullscreenExit: 'Exit full screen',
  noScoresYet: 'No ratings yet',
  hidden: 'The results will be shown shortly.',
  exportTitle: 'Download the results',
  exportPng: 'Picture (PNG)',
  exportSvg: 'Picture (SVG)',
  exportCsv: 'Table (CSV)',
  exportFailed: 'The download could not be made. Please try again.',
  presenterLabel: (question) => `Controls: ${question}`,
  tokenLabel: 'Admin token',
  tokenHelp: 'The token the server knows as ADMIN_TOKEN. It is kept in this tab only.',
  signIn: 'Open the controls',
  signOut: 'Forget the token',
  tokenMissing: 'Enter the admin token.',
  tokenWrong: 'This token is not right. Check it and try again.',
  noPresenter: 'Controls work only for a poll on the reference server (an endpoint ending in /api/polls/…).',
  stateOpen: 'Voting is open.',
  stateClosed: 'Voting is closed.',
  stateShown: 'The room sees the results.',
  stateHidden: 'The results are hidden from the room.',
  action: {
    open: 'Open voting',
    close: 'Close voting',
    hide: 'Hide the results',
    reveal: 'Show the results',
    reset: 'Start again',
  },
  actionDone: {
    open: 'Voting is open again.',
    close: 'Voting is closed.',
    hide: 'The results are hidden.',
    reveal: 'The results are visible.',
    reset: 'All votes are removed; voting is open.',
  },
  resetConfirm: 'All votes will be removed. This cannot be undone.',
  resetYes: 'Yes, remove all votes',
  cancel: 'Cancel',
  preview: 'What the room sees when you show the results',
  pastClosing:
    'The closing time in the feed has passed: the poll cannot open again. Change "closes" in the feed to vote longer.',
  actionFailed: 'That did not work: no connection to the server, or a fault. Please try again.',
  stateTitle: 'Where things stand',
  tableCaption: (question, min, max) =>
    `${question} Average rating per principle on a scale of ${min} to ${max}, and how often each rating was given.`,
  principle: 'Principle',
  mean: 'Average',
  count: 'Ratings',
  score: (score) => `Rating ${score}`,
  yes: 'yes',
  no: 'no',
  live: 'Live: the results update as soon as someone votes.',
  connecting: 'Connecting to the live results…',
  polling: (seconds) =>
    `The live connection is interrupted. The results are fetched every ${seconds === 1 ? 'second' : `${seconds} seconds`}.`,
  offline: (time) => `No connection to the server. The results are from ${time}; we keep trying.`,
  offlineNoResults: 'No connection to the server; we keep trying.',
  resultsError: 'The results could not be fetched.',
  announce: (participants, lowest) =>
    `Results updated: ${participants}.${lowest ? ` Points of attention: ${lowest}.` : ''}`,
};
