/**
 * How a widget speaks: the shared texts (src/core/messages*.ts, both languages always at hand)
 * joined to the widget's own, which live in its folder (`<widget>.messages.ts`, Dutch, bundled with
 * the widget; `<widget>.messages.en.ts`, fetched the first time such a widget speaks English, so
 * Dutch pages never download it), and the language a widget on the page speaks.
 */
import { DEFAULT_LANG, toLang, type Lang, type SharedMessages } from '../core/messages.js';
import { en } from '../core/messages.en.js';
import { nl } from '../core/messages.nl.js';

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
