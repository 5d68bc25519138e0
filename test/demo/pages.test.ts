import { expect, waitUntil } from '@open-wc/testing';
import { WAIT } from '../waits.js';

/** The demo pages as search engines and screen readers meet them, before any widget runs. */
const PAGES = ['index', 'kennisinstituut', 'regioportaal', 'embed'];

async function page(name: string): Promise<Document> {
  const response = await fetch(`/demo/${name}.html`);
  expect(response.status, name).to.equal(200);
  return new DOMParser().parseFromString(await response.text(), 'text/html');
}

describe('the demo pages', () => {
  for (const name of PAGES) {
    it(`${name}.html: Dutch, described, one h1 first and no heading level skipped`, async () => {
      const doc = await page(name);
      expect(doc.documentElement.lang).to.equal('nl');
      expect(
        doc.querySelector('meta[name="description"]')?.getAttribute('content')?.length ?? 0,
        'a meta description',
      ).to.be.above(50);
      const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
      expect(levels[0], 'the first heading is the h1').to.equal(1);
      expect(levels.filter((level) => level === 1)).to.have.length(1);
      levels.forEach((level, i) => i > 0 && expect(level, `heading ${i + 1}`).to.be.at.most(levels[i - 1]! + 1));
    });
  }
});

/** A demo page as a visitor sees it, in a frame `width` px wide, once its widgets have rendered. */
async function visit(name: string, width: number): Promise<{ doc: Document; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: 900px; border: 0`;
  document.body.append(frame);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/demo/${name}.html`;
  await loaded;
  const doc = frame.contentDocument!;
  await waitUntil(
    () =>
      [...doc.querySelectorAll('cop-session-calendar')].every((el) =>
        el.shadowRoot?.querySelector('.calendar, .state--error'),
      ),
    `${name}: the calendars did not render`,
    WAIT,
  );
  return { doc, frame };
}

/** The headings a screen reader lists in `root`: the page's own and those inside the widgets. */
function headingsIn(root: Element): string[] {
  const found: string[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const el of node.children) {
      if (/^H[1-6]$/.test(el.tagName) || el.getAttribute('role') === 'heading')
        found.push(el.textContent!.replace(/\s+/g, ' ').trim());
      if (el.shadowRoot) walk(el.shadowRoot);
      walk(el);
    }
  };
  walk(root);
  return found;
}

describe('the demo pages as visitors see them', function () {
  this.timeout(60_000);
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  for (const width of [390, 1280]) {
    it(`index.html at ${width} px: the feed checker's box fits its column`, async () => {
      const { doc } = await visit('index', width);
      const column = doc.querySelector('#check')!.getBoundingClientRect();
      const box = doc.querySelector('#feed-json')!.getBoundingClientRect();
      expect(box.left).to.be.at.least(column.left - 0.5);
      expect(box.right).to.be.at.most(column.right + 0.5);
    });
  }

  it('index.html: no "Aanmelden" on the CoP Monitoring calendar, which has no form on the page', async () => {
    const { doc } = await visit('index', 1280);
    const calendar = doc.querySelector('cop-session-calendar[src$="cop-monitoring.json"]')!;
    await waitUntil(() => calendar.shadowRoot!.querySelector('[part="session"]'), 'no sessions', WAIT);
    expect(calendar.shadowRoot!.querySelectorAll('[part="enrol"]')).to.have.length(0);
  });

  for (const width of [390, 1280]) {
    it(`kennisinstituut.html at ${width} px: the enrolment section has one heading, and "Direct aanmelden" comes before the poll`, async () => {
      const { doc } = await visit('kennisinstituut', width);
      const section = doc.querySelector('#aanmelden')!;
      const form = section.querySelector('cop-enrolment-form')!;
      await waitUntil(
        () => form.shadowRoot?.querySelector('[role="heading"], .state'),
        'the form did not render',
        WAIT,
      );
      expect(headingsIn(section).filter((text) => /aanmelden/i.test(text))).to.have.length.at.most(1);
      const direct = [...doc.querySelectorAll<HTMLAnchorElement>('a[href="#aanmelden"]')].find(
        (link) => link.getClientRects().length > 0,
      );
      expect(direct?.textContent, 'a visible "Direct aanmelden" link').to.equal('Direct aanmelden');
      const poll = doc.querySelector('cop-principle-poll')!.getBoundingClientRect();
      expect(direct!.getBoundingClientRect().top).to.be.below(poll.top);
    });
  }

  for (const width of [320, 390]) {
    it(`regioportaal.html at ${width} px: no line of the breadcrumb starts with "/"`, async () => {
      const { doc, frame } = await visit('regioportaal', width);
      const items = [...doc.querySelectorAll('.utrecht-breadcrumb li')];
      const lineStart = Math.min(...items.map((li) => li.getBoundingClientRect().left));
      const view = frame.contentWindow!;
      for (const li of items) {
        const lines = li.getClientRects();
        const lineHeight = parseFloat(view.getComputedStyle(li).lineHeight) || 24;
        expect(li.getBoundingClientRect().height, `"${li.textContent}" on one line`).to.be.below(lineHeight * 1.5);
        if (Math.abs(li.getBoundingClientRect().left - lineStart) < 1) {
          expect(view.getComputedStyle(li, '::before').content, `"${li.textContent}" starts a line`).to.not.include(
            '/',
          );
          expect(li.textContent!.trim().startsWith('/')).to.equal(false);
        }
        expect(lines.length).to.be.above(0);
      }
    });
  }
});

describe('regioportaal.html in a browser without light-dark() (part of the floor in .browserslistrc)', () => {
  it('keeps its light colours and hides the scheme switch, which could change nothing there', async () => {
    const { doc, frame } = await visit('regioportaal', 1280);
    const view = frame.contentWindow!;
    const link = doc.querySelector<HTMLLinkElement>('link[href$="regioportaal.css"]')!;
    expect(view.getComputedStyle(doc.querySelector('.scheme-switch')!).display, 'with light-dark()').to.not.equal(
      'none',
    );
    // What an older browser makes of the page's style sheet: light-dark() is a function it does not know.
    const older = doc.createElement('style');
    older.textContent = (await (await fetch(link.href)).text()).replaceAll('light-dark(', 'cop-unknown-function(');
    link.replaceWith(older);
    await waitUntil(
      () => view.getComputedStyle(doc.body).backgroundColor === 'rgb(255, 255, 255)',
      'a white page',
      WAIT,
    );
    expect(view.getComputedStyle(doc.body).color).to.equal('rgb(20, 33, 43)');
    expect(view.getComputedStyle(doc.querySelector('.scheme-switch')!).display).to.equal('none');
  });
});
