/**
 * The embed builder (demo/embed.html, `/embed` on the reference server): each choice changes the
 * live preview and the snippet; the snippet, saved as a page on another origin, works there when
 * the server allows that origin and says exactly what is wrong when it does not; the CSP it shows
 * is enough for a strict page; and the builder is accessible on a phone and a desktop.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../demo/widgets.js';
import '../../demo/embed/embed-builder.js';
import type { CopEmbedBuilder } from '../../demo/embed/embed-builder.js';
import { phoneViewport } from '../viewport.js';
import { WAIT } from '../waits.js';

const POLL_QUESTION = 'Welke leidende principes hebben we al op orde?';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.querySelector<T>(selector);
const preview = (el: CopEmbedBuilder) => $(el, '#preview-widget')!.firstElementChild as HTMLElement | null;
const snippetText = (el: CopEmbedBuilder) => $(el, '#snippet')!.textContent!;
const policyText = (el: CopEmbedBuilder) => $(el, '#csp')!.textContent!.replace(/^Content-Security-Policy: /, '');

async function builder(): Promise<CopEmbedBuilder> {
  const el = await fixture<CopEmbedBuilder>(html`<cop-embed-builder></cop-embed-builder>`);
  await waitUntil(() => $(el, 'select#programme') && preview(el), 'the builder did not load the programmes', WAIT);
  return el;
}

/** Changes a select or a field as a person would, and waits for the builder to follow. */
async function choose(el: CopEmbedBuilder, selector: string, value: string) {
  const control = $<HTMLSelectElement | HTMLInputElement>(el, selector)!;
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

async function click(el: CopEmbedBuilder, selector: string) {
  $<HTMLInputElement>(el, selector)!.click();
  await el.updateComplete;
}

/** Waits until the snippet has `text`, and the preview's widget is `tag` (a new element per change). */
async function settled(el: CopEmbedBuilder, text: string, tag?: string) {
  await waitUntil(
    () => snippetText(el).includes(text) && (!tag || preview(el)?.localName === tag),
    `the snippet did not get ${text}: ${snippetText(el)}`,
    WAIT,
  );
}

describe('the embed builder', () => {
  const links: HTMLLinkElement[] = [];
  before(async () => {
    for (const href of ['/demo/demo.css', '/demo/embed/embed.css']) {
      const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
      links.push(link);
      document.head.append(link);
      await new Promise((resolve) => link.addEventListener('load', resolve, { once: true }));
    }
  });
  after(() => {
    for (const link of links) link.remove();
    document.documentElement.lang = 'en';
  });

  it('updates the preview and the snippet for each widget and each option', async function () {
    this.timeout(120_000);
    const el = await builder();
    const server = location.origin;
    await choose(el, '#programme', 'poll-always');
    await settled(el, `<cop-session-calendar src="${server}/api/programmes/poll-always/feed"></cop-session-calendar>`);
    expect(snippetText(el)).to.contain(`<script type="module" src="${server}/cdn/cop-widgets.dev.js"></script>`);
    expect(snippetText(el)).to.contain('cop-session-calendar:not(:defined) {\n    display: block;');

    // The calendar: view, hiding past sessions, heading level, language.
    await choose(el, '#option-view', 'month');
    await settled(el, ' view="month"', 'cop-session-calendar');
    expect(preview(el)!.getAttribute('view')).to.equal('month');
    await click(el, '#option-hide-past');
    await settled(el, ' hide-past>');
    expect(preview(el)!.hasAttribute('hide-past')).to.equal(true);
    await choose(el, '#option-heading-level', '3');
    await settled(el, ' heading-level="3"');
    expect(preview(el)!.getAttribute('heading-level')).to.equal('3');
    await choose(el, '#option-lang', 'en');
    await settled(el, ' lang="en"');
    expect(preview(el)!.getAttribute('lang')).to.equal('en');
    await choose(el, '#option-lang', '');

    // The map: its view.
    await click(el, '#widget-cop-region-map');
    await settled(el, '<cop-region-map src=', 'cop-region-map');
    await choose(el, '#option-view', 'list');
    await settled(el, '<cop-region-map src=');
    await waitUntil(() => preview(el)?.getAttribute('view') === 'list', 'the map preview is not a list', WAIT);
    expect(snippetText(el)).to.contain(' view="list" heading-level="3"></cop-region-map>');

    // The poll: mode and order; it shows the poll from the server.
    await click(el, '#widget-cop-principle-poll');
    await settled(el, '<cop-principle-poll src=', 'cop-principle-poll');
    await choose(el, '#option-mode', 'results');
    await settled(el, ' mode="results"');
    await choose(el, '#option-sort', 'mean');
    await settled(el, ' mode="results" sort="mean"');
    expect(preview(el)!.getAttribute('sort')).to.equal('mean');
    await choose(el, '#option-mode', '');
    await waitUntil(
      () => preview(el)!.shadowRoot?.textContent?.includes(POLL_QUESTION),
      'no poll in the preview',
      WAIT,
    );

    // The form, on a programme with enrolment: a session of its own.
    await click(el, '#widget-cop-enrolment-form');
    await choose(el, '#programme', 'form-many');
    await settled(el, '/api/programmes/form-many/feed', 'cop-enrolment-form');
    await waitUntil(() => $(el, '#option-session'), 'no choice of session for the form', WAIT);
    const session = $<HTMLSelectElement>(el, '#option-session')!.options[1]!.value;
    await choose(el, '#option-session', session);
    await settled(el, ` session="${session}"`);
    expect(preview(el)!.getAttribute('session')).to.equal(session);
    // A programme without a poll says so beside the choice.
    await click(el, '#widget-cop-principle-poll');
    expect($(el, '#lacks')!.textContent).to.contain('geen peiling');

    // Themes: a file of the server's (pinned to this version), or the page's own token values.
    await click(el, '#look-dark');
    await settled(el, `<link rel="stylesheet" href="${server}/cdn/themes/dark.dev.css" />`);
    expect(document.querySelector<HTMLLinkElement>('#cop-builder-theme')!.href).to.equal(
      `${server}/cdn/themes/dark.dev.css`,
    );
    expect(policyText(el)).to.match(new RegExp(`style-src 'self' ${server} 'sha256-[A-Za-z0-9+/]+=*'`));
    await click(el, '#look-nl-design-system');
    await settled(el, '/cdn/themes/nl-design-system.dev.css');
    await click(el, '#look-custom');
    await waitUntil(() => !snippetText(el).includes('<link'), 'the theme file stayed in the snippet', WAIT);
    expect(Boolean(document.querySelector('#cop-builder-theme')), 'no theme file with custom values').to.equal(false);
    await choose(el, '[id="token---cop-color-primary"]', '#8b0000');
    await settled(el, '--cop-color-primary: #8b0000;');
    await waitUntil(() => preview(el)?.style.getPropertyValue('--cop-color-primary') === '#8b0000', 'token', WAIT);
    expect(preview(el)!.hasAttribute('style'), 'set through the CSSOM only').to.equal(true);
    await choose(el, '[id="token---cop-font-family"]', 'x; } body { display: none');
    expect($(el, '[id="token---cop-font-family-error"]')!.textContent).to.contain('kan niet in CSS');
    expect(snippetText(el)).not.to.contain('display: none');
    await click(el, '#look-default');
    await waitUntil(() => !snippetText(el).includes('--cop-color-primary'), 'the default theme kept the tokens', WAIT);

    // In English, and copied.
    await click(el, 'button.language');
    expect($(el, 'h1')!.textContent).to.equal('Embed a widget on your site');
    expect(document.documentElement.lang).to.equal('en');
    let copied = '';
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    try {
      await click(el, '#copy');
      await waitUntil(() => $(el, '#copy-status')!.textContent === 'The code has been copied.', 'no copy status', WAIT);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (clipboard && !('clipboard' in navigator)) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
    expect(copied).to.equal(snippetText(el));
    expect($(el, '#copy-status')!.getAttribute('role')).to.equal('status');
  });

  it("checks a site: allowed, or the ALLOWED_ORIGINS value to set; junk gets the server's message", async () => {
    const el = await builder();
    const allowed = new URL(
      (await executeServerCommand('partner-page', {
        site: 'allowed',
        html: '<!doctype html><title>x</title>',
      })) as string,
    ).origin;
    const check = async (origin: string) => {
      await choose(el, '#origin', origin);
      $<HTMLFormElement>(el, '#origin-form')!.requestSubmit();
      await el.updateComplete;
      await waitUntil(
        () => $(el, '#check-result p:not(:empty)') && !$(el, '#check-result')!.textContent!.includes('Bezig'),
        'no check result',
        WAIT,
      );
      return $(el, '#check-result')!.textContent!.replace(/\s+/g, ' ').trim();
    };
    expect(await check(allowed)).to.contain(`${allowed} mag aanmelden en stemmen bij deze server.`);
    expect(await check('https://www.voorbeeld.nl/')).to.contain(
      `https://www.voorbeeld.nl mag nog niet aanmelden of stemmen bij deze server`,
    );
    expect($(el, '#setting')!.textContent).to.equal(`ALLOWED_ORIGINS=${allowed},https://www.voorbeeld.nl`);
    expect(await check('www.voorbeeld.nl')).to.contain('Geef een origin zoals https://www.voorbeeld.nl');
    expect($(el, '#check-result')!.getAttribute('role')).to.equal('status');
  });

  describe('the snippet on a partner site (another origin, with the CSP shown)', () => {
    const reports = new Map<
      string,
      { defined: boolean; ready: boolean; text: string; errors: string[]; violations: string[] }
    >();
    const listen = (event: MessageEvent) => {
      if (event.data?.partner) reports.set(event.data.partner, event.data);
    };
    before(() => window.addEventListener('message', listen));
    after(() => window.removeEventListener('message', listen));

    async function partnerPage(el: CopEmbedBuilder, site: 'allowed' | 'stranger') {
      const page = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Partner</title>
<script src="/report.js"></script></head><body><main>\n${snippetText(el)}\n</main></body></html>`;
      const url = (await executeServerCommand('partner-page', { site, html: page, csp: policyText(el) })) as string;
      const frame = Object.assign(document.createElement('iframe'), { src: url, title: site });
      frame.style.inlineSize = '800px';
      frame.style.blockSize = '600px';
      document.body.append(frame);
      return { origin: new URL(url).origin, frame };
    }

    it('renders the poll where the server allows the site, and says why voting fails where it does not', async function () {
      this.timeout(120_000);
      const el = await builder();
      await choose(el, '#programme', 'poll-always');
      await click(el, '#widget-cop-principle-poll');
      await settled(el, '/api/programmes/poll-always/feed"', 'cop-principle-poll');
      // Strict: nothing the policy does not name, no 'unsafe-inline' anywhere.
      expect(policyText(el)).not.to.contain('unsafe');
      expect(policyText(el)).to.contain(`script-src 'self' ${location.origin}`);

      const allowed = await partnerPage(el, 'allowed');
      const stranger = await partnerPage(el, 'stranger');
      try {
        for (const { origin } of [allowed, stranger])
          await waitUntil(
            () => reports.get(origin)?.ready && reports.get(origin)!.text.includes(POLL_QUESTION),
            `the poll did not render on ${origin}: ${JSON.stringify(reports.get(origin))}`,
            WAIT,
          );
        stranger.frame.contentWindow!.postMessage({ action: 'vote' }, '*');
        await waitUntil(
          () => reports.get(stranger.origin)?.errors.some((text) => text.includes('mag nog niet stemmen')),
          `no refusal on ${stranger.origin}: ${JSON.stringify(reports.get(stranger.origin))}`,
          WAIT,
        );
        const refusal = reports.get(stranger.origin)!.errors.find((text) => text.includes('mag nog niet stemmen'))!;
        expect(refusal).to.contain(`Deze site (${stranger.origin}) mag nog niet stemmen bij ${location.host}`);
        expect(refusal).to.contain('ALLOWED_ORIGINS');
        expect(refusal).not.to.contain('geen verbinding');
        for (const { origin } of [allowed, stranger])
          expect(reports.get(origin)!.violations, `CSP violations on ${origin}`).to.deep.equal([]);
      } finally {
        allowed.frame.remove();
        stranger.frame.remove();
      }
    });

    it('renders the calendar, the form and the map under the CSP shown for each', async function () {
      this.timeout(120_000);
      const el = await builder();
      await choose(el, '#programme', 'form-open');
      for (const [tag, text] of [
        ['cop-session-calendar', ''],
        ['cop-enrolment-form', ''],
        ['cop-region-map', ''],
      ] as const) {
        await click(el, `#widget-${tag}`);
        await click(el, '#look-dark');
        await settled(el, `<${tag} src=`, tag);
        const { origin, frame } = await partnerPage(el, 'allowed');
        try {
          await waitUntil(
            () =>
              reports.get(origin)?.defined &&
              reports.get(origin)!.text.length > 20 &&
              reports.get(origin)!.text.includes(text),
            `${tag} did not render: ${JSON.stringify(reports.get(origin))}`,
            WAIT,
          );
          expect(reports.get(origin)!.violations, `CSP violations for ${tag}`).to.deep.equal([]);
        } finally {
          frame.remove();
          reports.delete(origin);
        }
      }
    });
  });

  it('is accessible and fits a phone (390 px) and a desktop (1280 px)', async () => {
    const el = await builder();
    await waitUntil(() => preview(el)?.shadowRoot?.childElementCount, 'no preview', WAIT);
    const width = await phoneViewport(390, 800);
    expect(document.documentElement.scrollWidth, 'no sideways scrolling').to.be.at.most(width);
    await expect(el).to.be.accessible();
    await setViewport({ width: 1280, height: 800 });
    await expect(el).to.be.accessible();
  });
});
