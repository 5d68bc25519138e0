/**
 * Storybook has no reference server: this stands in for `POST …/enrolments` with the answers the
 * real one gives (see server/app.ts), so every state of the form can be seen and tried.
 */
export type MockAnswer = 'confirmed' | 'waitlisted' | 'invalid' | 'server-error' | 'offline' | 'slow';

const realFetch = window.fetch.bind(window);
let answer: MockAnswer = 'confirmed';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const ANSWERS: Record<MockAnswer, () => Response> = {
  confirmed: () => json(201, { status: 'confirmed' }),
  waitlisted: () => json(201, { status: 'waitlisted', position: 3 }),
  slow: () => json(201, { status: 'confirmed' }),
  invalid: () =>
    json(422, {
      error: 'invalid',
      issues: [{ path: 'members[0].email', message: { nl: 'is al aangemeld voor dit programma', en: 'is already enrolled in this programme' } }],
    }),
  'server-error': () => new Response('Bad gateway', { status: 502 }),
  offline: () => {
    throw new TypeError('Failed to fetch');
  },
};

window.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  if ((init?.method ?? 'GET') !== 'POST' || !/\/api\/programmes\/[^/]+\/enrolments$/.test(url.pathname)) return realFetch(input, init);
  await new Promise((resolve) => setTimeout(resolve, answer === 'slow' ? 60_000 : 700));
  return ANSWERS[answer]();
};

/** How the mocked server answers the next enrolment. */
export function answerEnrolmentsWith(next: MockAnswer): void {
  answer = next;
}
