/**
 * The texts every widget and the server share, in Dutch (default) and English: dates, loading
 * and error states, enrolment status, feed and field errors. Both languages are always at hand,
 * as the feed's error API and the server read them. A widget's own texts live in its folder.
 */
import { en } from './messages.en.js';
import { nl, type SharedMessages } from './messages.nl.js';

export type Lang = 'nl' | 'en';
export type { SharedMessages };

export const DEFAULT_LANG: Lang = 'nl';

/** The locale each language formats dates, numbers and lists in. */
export const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

const shared: Record<Lang, SharedMessages> = { nl, en };

/** The shared texts in one language; anything but English falls back to Dutch. */
export function messages(lang: Lang): SharedMessages {
  return shared[lang] ?? shared[DEFAULT_LANG];
}

/** Maps any BCP 47 tag onto a supported language: `en-GB` → `en`, `fy` → `nl`. */
export function toLang(tag: string | null | undefined): Lang {
  return tag?.trim().toLowerCase().startsWith('en') ? 'en' : DEFAULT_LANG;
}

/** "a, b en c" / "a, b and c". */
export function formatList(items: readonly string[], lang: Lang): string {
  return new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' }).format(items);
}
