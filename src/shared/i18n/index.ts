import { en } from './en.js';
import { nl, type Messages } from './nl.js';

export type Lang = 'nl' | 'en';
export type { Messages };

const catalogue: Record<Lang, Messages> = { nl, en };

export const DEFAULT_LANG: Lang = 'nl';

/** The messages of one language; anything but English falls back to Dutch. */
export function messages(lang: Lang): Messages {
  return catalogue[lang] ?? catalogue[DEFAULT_LANG];
}

/** Maps any BCP 47 tag onto a supported language: `en-GB` → `en`, `fy` → `nl`. */
export function toLang(tag: string | null | undefined): Lang {
  return tag?.trim().toLowerCase().startsWith('en') ? 'en' : DEFAULT_LANG;
}

/**
 * The language for an element: its own `lang` attribute, else the nearest ancestor's
 * (crossing shadow roots, so a widget inside another component follows the page), else Dutch.
 */
export function resolveLang(element: Element): Lang {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return toLang(node.getAttribute('lang'));
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return DEFAULT_LANG;
}
