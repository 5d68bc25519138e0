import './support/feed-preview.js';

const FEEDS = ['cop-monitoring', 'samen-leren-met-impact', 'bindende-afspraken', 'foodvalley-focusagenda', 'cop-jeugdstelsel'];

const list = document.querySelector<HTMLElement>('#feeds')!;
for (const name of FEEDS) {
  const article = document.createElement('article');
  const link = document.createElement('a');
  link.href = `./feeds/${name}.json`;
  link.textContent = `feeds/${name}.json`;
  const preview = document.createElement('cop-feed-preview');
  preview.src = `./feeds/${name}.json`;
  article.append(link, preview);
  list.append(article);
}

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
