/**
 * Texts in Dutch (default) and English, split so a page downloads only what it shows:
 * - `nl.ts`, `en.ts`: what every widget shares (states, feed errors, enrolment status, dates),
 *   in both languages and always at hand, as the feed's error API and the server read them;
 * - `calendar.ts`, `enrolment.ts`, `poll.ts`, `map.ts`: each widget's own texts in Dutch, bundled
 *   with that widget only; their English (`*.en.ts`) is fetched the first time such a widget
 *   speaks English, so Dutch pages never download it.
 */
import { en } from './en.js';
import { nl, type SharedMessages } from './nl.js';
import type { calendar } from './calendar.js';
import type { enrolment } from './enrolment.js';
import type { map } from './map.js';
import type { poll } from './poll.js';

export type Lang = 'nl' | 'en';
export type { SharedMessages };
/** Every text of every widget, in one language (a type only: no widget bundles all of them). */
export type Messages = SharedMessages & { calendar: typeof calendar; enrolment: typeof enrolment; map: typeof map; poll: typeof poll };

const shared: Record<Lang, SharedMessages> = { nl, en };

export const DEFAULT_LANG: Lang = 'nl';

/** The shared texts in one language; anything but English falls back to Dutch. */
export function messages(lang: Lang): SharedMessages {
  return shared[lang] ?? shared[DEFAULT_LANG];
}

/** A widget's own texts with the shared ones, in both languages; English arrives on demand. */
export interface WidgetMessages<Own extends object> {
  readonly nl: SharedMessages & Own;
  /** The texts in `lang`, or undefined while English is still on its way (call `load`). */
  get(lang: Lang): (SharedMessages & Own) | undefined;
  /** Fetches English once per page; settles when `get('en')` has it. */
  load(lang: Lang): Promise<void>;
}

/**
 * Joins a widget's Dutch texts to the shared ones and knows how to fetch its English (a dynamic
 * `import()`, so bundlers put English in its own file). If that file cannot be fetched, the
 * widget stays readable: it shows Dutch and says why in the console.
 */
export function widgetMessages<Own extends object>(dutch: Own, loadEnglish: () => Promise<Own>): WidgetMessages<Own> {
  const nlTexts = { ...nl, ...dutch };
  let enTexts: (SharedMessages & Own) | undefined;
  let loading: Promise<void> | undefined;
  return {
    nl: nlTexts,
    get: (lang) => (lang === 'en' ? enTexts : nlTexts),
    load(lang) {
      if (lang !== 'en' || enTexts) return Promise.resolve();
      loading ??= loadEnglish().then(
        (own) => void (enTexts = { ...en, ...own }),
        (error: unknown) => {
          console.warn('cop-widgets: the English texts could not be loaded, so this widget shows Dutch.', error);
          enTexts = nlTexts;
        },
      );
      return loading;
    },
  };
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
