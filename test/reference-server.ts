/**
 * The real reference server the browser tests talk to: web-test-runner.config.mjs starts it on
 * the embedded database with the feeds in test/fixtures/server-feeds and proxies /api/* to it.
 */

/** The admin token web-test-runner.config.mjs gives the server. */
export const ADMIN_TOKEN = 'browser-tests-admin-token-of-32-characters-or-more';

export const feedUrl = (programmeId: string) => `/api/programmes/${programmeId}/feed`;

/** A fresh e-mail address per test, since one address takes one place per programme. */
export const uniqueEmail = (name: string) => `${name}.${crypto.randomUUID().slice(0, 8)}@example.org`;

/** The programme's stored enrolments as the organiser's CSV export gives them, a record per person. */
export async function storedRows(programmeId: string): Promise<Record<string, string>[]> {
  const response = await fetch(`/api/admin/programmes/${programmeId}/enrolments.csv`, {
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    cache: 'no-store',
  });
  if (!response.ok) throw new Error(`CSV export answered ${response.status}`);
  const [header, ...lines] = (await response.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const split = (line: string) =>
    line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"|"$/g, '').replace(/""/g, '"'));
  const names = split(header!);
  return lines.map((line) => Object.fromEntries(split(line).map((cell, i) => [names[i], cell])));
}

/** Enrols a team straight through the API, as another visitor would. */
export async function enrolDirectly(
  programmeId: string,
  members: { roleId: string; email: string }[],
  extra: object = {},
): Promise<Response> {
  return fetch(`/api/programmes/${programmeId}/enrolments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      members: members.map((m) => ({ ...m, name: 'Iemand Anders', organisation: 'Elders' })),
      consent: true,
      ...extra,
    }),
  });
}

/** A random participant token as the poll widget makes them, for a vote from "another browser". */
export const newParticipant = () => `other-${crypto.randomUUID().replaceAll('-', '')}`;

/** Votes straight through the API, as another participant would. */
export async function voteDirectly(
  pollId: string,
  participant: string,
  ratings: Record<string, number | null>,
): Promise<Response> {
  return fetch(`/api/polls/${pollId}/votes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ participant, ratings }),
  });
}

/** The organiser's controls (server/routes/presenter.ts), as the presenter view uses them. */
export async function adminPoll(pollId: string, action: 'open' | 'close' | 'hide' | 'reveal' | 'reset'): Promise<void> {
  const response = await fetch(`/api/admin/polls/${pollId}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  if (!response.ok) throw new Error(`${action} of poll ${pollId} answered ${response.status}`);
}
