/**
 * Storybook has no reference server: this stands in for `POST …/enrolments` with the answers the
 * real one gives (see server/routes/programmes.ts), so every state of the form can be seen and tried.
 */
export type MockAnswer = 'confirmed' | 'waitlisted' | 'per-session' | 'invalid' | 'server-error' | 'offline' | 'slow';

const realFetch = window.fetch.bind(window);
let answer: MockAnswer = 'confirmed';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const ANSWERS: Record<MockAnswer, () => Response> = {
  confirmed: () => json(201, { status: 'confirmed' }),
  waitlisted: () => json(201, { status: 'waitlisted', position: 3 }),
  // Places per session: a place in one chosen session, the waiting list in the other.
  'per-session': () =>
    json(201, {
      status: 'waitlisted',
      position: 1,
      sessions: {
        'werksessie-20-mei': { status: 'waitlisted', position: 1 },
        'werksessie-28-mei': { status: 'confirmed' },
      },
    }),
  slow: () => json(201, { status: 'confirmed' }),
  // A check only the server makes (the form makes it too, but a proxy may change what it sent).
  invalid: () =>
    json(422, {
      error: 'invalid',
      issues: [
        {
          path: ['members', 0, 'name'],
          key: 'invisibleCharacters',
          args: [],
          message: {
            nl: 'bevat onzichtbare tekens (stuur- of richtingstekens); typ de tekst opnieuw in plaats van hem te plakken',
            en: 'contains invisible characters (control or direction characters); type the text again instead of pasting it',
          },
          text: {
            nl: 'members[0].name bevat onzichtbare tekens …',
            en: 'members[0].name contains invisible characters …',
          },
        },
      ],
    }),
  'server-error': () => new Response('Bad gateway', { status: 502 }),
  offline: () => {
    throw new TypeError('Failed to fetch');
  },
};

window.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  if ((init?.method ?? 'GET') !== 'POST' || !/\/api\/programmes\/[^/]+\/enrolments$/.test(url.pathname))
    return realFetch(input, init);
  await new Promise((resolve) => setTimeout(resolve, answer === 'slow' ? 60_000 : 700));
  return ANSWERS[answer]();
};

/** How the mocked server answers the next enrolment. */
export function answerEnrolmentsWith(next: MockAnswer): void {
  answer = next;
}
