/**
 * The CDN file, `cop-widgets.js`: a small loader that registers nothing itself. It watches the
 * page for cop-widgets tags and imports a widget's chunk the first time its tag appears, with the
 * base every widget shares (Lit, zod, the feed contract, CopElement) as one chunk, fetched once
 * and at the same time as the widget's. A page pays only for the widgets it shows.
 *
 * The chunks are found next to this file: `import()` resolves relative specifiers against this
 * module's own URL, so the loader works from any path on any origin (the chunks must be served
 * with CORS, as module scripts always are) and under `script-src` for that origin only.
 *
 * Tags added later are found too: a MutationObserver watches the document and every open shadow
 * root it meets, and a custom element that is not defined yet is looked into once it is (its
 * shadow root may hold our tags). For a closed shadow root, call `discover(root)`.
 */
/** The same symbol as in src/core/loader.ts, which this file must not import (it would pull the base in). */
const EARLY_FEEDS = Symbol.for('cop-widgets:early-feeds');

/**
 * Each import ends in `.then(() => {})`, written out in place: the loader needs a chunk run, not
 * its exports, and a namespace the bundler sees is never read it need not build by hand. The
 * poll's chunk exports more than its element (its lazy parts import from it); building its
 * namespace would add a runtime chunk that the base and the poll both wait for.
 */
const WIDGETS: Record<string, () => Promise<void>> = {
  'cop-session-calendar': () => import('./session-calendar/session-calendar.js').then(() => {}),
  'cop-enrolment-form': () => import('./enrolment-form/enrolment-form.js').then(() => {}),
  'cop-region-map': () => import('./region-map/region-map.js').then(() => {}),
  'cop-principle-poll': () => import('./principle-poll/principle-poll.js').then(() => {}),
};

/** The shared base, imported beside a widget's chunk so both download at once (not one after the other). */
const base = () => import('./shared/cop-element.js').then(() => {});

const loading = new Map<string, Promise<void>>();
const watched = new WeakSet<Node>();
const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) discover(node);
});

/**
 * Asks for the feed of a widget whose code is still to come, so both download at once; the
 * widget's feed loader takes this request (EARLY_FEEDS in src/core/loader.ts, asked for the same
 * way: no cookies, JSON). Only for a tag that is not defined yet: a defined one asks by itself.
 */
function requestFeed(element: Element): void {
  const src = element.getAttribute('src');
  if (!src || customElements.get(element.localName)) return;
  const early = ((globalThis as { [EARLY_FEEDS]?: Map<string, Promise<Response>> })[EARLY_FEEDS] ??= new Map());
  let url: string;
  try {
    url = new URL(src, document.baseURI).href;
  } catch {
    return; // the widget will say what is wrong with its src
  }
  if (early.has(url)) return;
  const request = fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit' });
  request.catch(() => {}); // a failure is the widget's to report, when it takes the request
  early.set(url, request);
}

/** Loads a widget's chunk once per page; a failed load is forgotten, so the tag's next appearance tries again. */
function load(tag: string): Promise<void> {
  const widget = WIDGETS[tag];
  if (!widget) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = Promise.all([base(), widget()]).then(
      () => undefined,
      (error: unknown) => {
        loading.delete(tag);
        console.warn(`cop-widgets: <${tag}> could not be loaded.`, error);
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

/** Watches a document or shadow root for elements added later, and looks through what is there now. */
function watch(root: Document | ShadowRoot): void {
  if (watched.has(root)) return;
  watched.add(root);
  observer.observe(root, { childList: true, subtree: true });
  discover(root);
}

/**
 * Loads the widgets whose tags are in `root` (an element and what it holds, a document or a shadow
 * root), and watches the open shadow roots there. The loader does this for the page by itself;
 * call it for content it cannot see, such as a closed shadow root.
 */
export function discover(root: ParentNode = document): void {
  const elements = root instanceof Element ? [root, ...root.querySelectorAll('*')] : [...root.querySelectorAll('*')];
  for (const element of elements) {
    const tag = element.localName;
    // A widget holds no other widget: its own shadow root is not watched.
    if (tag in WIDGETS) {
      requestFeed(element);
      void load(tag);
    } else if (element.shadowRoot) watch(element.shadowRoot);
    // Another custom element, not defined yet: its shadow root (if it gets one) may hold our tags.
    else if (tag.includes('-') && !customElements.get(tag)) {
      void customElements.whenDefined(tag).then(() => element.shadowRoot && watch(element.shadowRoot));
    }
  }
}

/**
 * Fetches and registers widgets before their tags are on the page, e.g. the form a framework
 * will show after a click: `preload('cop-enrolment-form')`. Without arguments, every widget.
 * Resolves once they are registered; it never rejects (a failure is logged, as for any tag).
 */
export function preload(...tags: string[]): Promise<void> {
  const unknown = tags.filter((tag) => !(tag in WIDGETS));
  if (unknown.length) console.warn(`cop-widgets: no widget is called ${unknown.map((tag) => `<${tag}>`).join(', ')}.`);
  return Promise.all((tags.length ? tags : Object.keys(WIDGETS)).map(load)).then(() => undefined);
}

watch(document);
