/**
 * Play functions for stories whose state only appears after a visitor acts (a sent form, a
 * vote, a search). Each acts as a visitor would, through the widget's own controls, and returns
 * once the resulting state is on screen, so Storybook and the story checker both see it.
 */

/** Waits until `find` returns something, checking every 50 ms. */
export async function until<T>(find: () => T | null | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`Story: ${what} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The shadow root of the story's widget, once it has rendered `ready` (a selector). */
async function widget(canvas: HTMLElement, tag: string, ready: string): Promise<ShadowRoot> {
  const root = await until(() => canvas.querySelector(tag)?.shadowRoot, `<${tag}>`);
  await until(() => root.querySelector(ready), `${ready} in <${tag}>`);
  return root;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('blur'));
}

/** A plausible team member per role: `gemeente-name` → "Anouk de Vries" and so on. */
const MEMBER: Record<string, (role: string, index: number) => string> = {
  name: (_role, i) => ['Anouk de Vries', 'Sem Jansen', 'Fatima El Amrani'][i % 3]!,
  organisation: (role) =>
    role === 'gemeente' ? 'Gemeente Ede' : role === 'onderwijs' ? 'Samenwerkingsverband Ede' : 'Organisatie Ede',
  email: (role) => `${role}@example.org`,
};

/**
 * Fills in every required field of `<cop-enrolment-form>`, gives consent, picks the first
 * session when there is a choice, sends it, and waits for `outcome` (a selector in the form).
 */
export async function sendEnrolment(canvas: HTMLElement, outcome: string): Promise<void> {
  const root = await widget(canvas, 'cop-enrolment-form', 'form');
  // Required inputs are named `<role>-<field>`, e.g. `gemeente-email`.
  const required = [...root.querySelectorAll<HTMLInputElement>('input[aria-required="true"]')].map((input) => ({
    input,
    split: /^(.*)-([^-]+)$/.exec(input.id)!,
  }));
  const roles = [...new Set(required.map(({ split }) => split[1]!))];
  for (const { input, split } of required)
    type(input, MEMBER[split[2]!]?.(split[1]!, roles.indexOf(split[1]!)) ?? 'Ede');
  const sessions = [...root.querySelectorAll<HTMLInputElement>('input[name="session"]')];
  if (!sessions.some((input) => input.checked)) sessions[0]?.click();
  const consent = root.querySelector<HTMLInputElement>('#consent')!;
  if (!consent.checked) consent.click();
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await until(() => root.querySelector(outcome), `${outcome} after sending the form`);
}

/** Sends the form as it is (empty), and waits for the error summary. */
export async function sendEmptyEnrolment(canvas: HTMLElement): Promise<void> {
  const root = await widget(canvas, 'cop-enrolment-form', 'form');
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await until(() => root.querySelector('#summary'), 'the error summary');
}

/** Rates principles in `<cop-principle-poll>` (`'skip'` skips one), votes, and waits for `outcome`. */
export async function vote(
  canvas: HTMLElement,
  ratings: Record<string, number | 'skip'>,
  outcome: string,
): Promise<void> {
  const root = await widget(canvas, 'cop-principle-poll', 'form');
  for (const [id, value] of Object.entries(ratings)) {
    root.querySelector<HTMLInputElement>(`input[name="rating-${id}"][value="${value}"]`)!.click();
  }
  root.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await until(() => root.querySelector(outcome), `${outcome} after voting`);
}

/** Types `query` into `<cop-region-map>`'s search box and waits for the results. */
export async function searchRegion(canvas: HTMLElement, query: string): Promise<void> {
  const root = await widget(canvas, 'cop-region-map', '#search');
  const input = root.querySelector<HTMLInputElement>('#search')!;
  input.focus();
  type(input, query);
  await until(() => root.querySelector('.results li, .results__none'), 'search results');
}

/** Chooses a region in `<cop-region-map>`'s legend, as a click would, and waits until the map has zoomed to it. */
export async function chooseRegion(canvas: HTMLElement, code: string): Promise<void> {
  const root = await widget(canvas, 'cop-region-map', 'svg.map');
  root.querySelector<HTMLButtonElement>(`.region-button[data-code="${code}"]`)!.click();
  await until(() => root.querySelector('svg.map:not(.map--moving) [aria-current="true"]'), 'the zoomed map');
}
