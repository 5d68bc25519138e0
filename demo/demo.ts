import './widgets.js';
import './support/feed-preview.js';

const form = document.querySelector<HTMLFormElement>('#check')!;
const input = document.querySelector<HTMLTextAreaElement>('#feed-json')!;
const language = document.querySelector<HTMLSelectElement>('#feed-lang')!;
const result = document.querySelector<HTMLElement>('#check-result')!;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  result.replaceChildren();
  let data: unknown;
  try {
    data = JSON.parse(input.value);
  } catch (error) {
    const p = document.createElement('p');
    p.textContent = `${language.value === 'en' ? 'Not valid JSON' : 'Geen geldige JSON'}: ${(error as Error).message}`;
    result.append(p);
    return;
  }
  const preview = document.createElement('cop-feed-preview');
  preview.lang = language.value;
  preview.feed = data as never;
  result.append(preview);
});

// Show what the host page receives.
for (const name of ['cop-session-select', 'cop-enrolment-submit', 'cop-region-select', 'cop-vote-submit'] as const) {
  document.addEventListener(name, (event) => {
    const log = document.querySelector<HTMLElement>('#event-log');
    if (log) log.textContent = `${name}: ${JSON.stringify(event.detail)}`;
  });
}
