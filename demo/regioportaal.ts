/**
 * The portal's light/dark switch. "Systeem" follows the visitor's system (the page declares
 * `color-scheme: light dark`); "Licht" and "Donker" fix it. The cop-widgets dark theme is a
 * <link> whose media follows the same choice, so page and widgets always match.
 */
import './widgets.js';

type Scheme = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'regioportaal-scheme';
const MEDIA: Record<Scheme, string> = { system: '(prefers-color-scheme: dark)', light: 'not all', dark: 'all' };

function apply(scheme: Scheme) {
  if (scheme === 'system') delete document.documentElement.dataset.scheme;
  else document.documentElement.dataset.scheme = scheme;
  document.querySelector<HTMLLinkElement>('#cop-dark-theme')?.setAttribute('media', MEDIA[scheme]);
}

const stored = localStorage.getItem(STORAGE_KEY);
const initial: Scheme = stored === 'light' || stored === 'dark' ? stored : 'system';
apply(initial);
for (const input of document.querySelectorAll<HTMLInputElement>('input[name="scheme"]')) {
  input.checked = input.value === initial;
  input.addEventListener('change', () => {
    const scheme = input.value as Scheme;
    apply(scheme);
    if (scheme === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, scheme);
  });
}
