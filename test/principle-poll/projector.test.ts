import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { phoneViewport } from '../viewport.js';
import { clearFeedCache, type FeedInput } from '../../src/core/feed.js';
import '../../src/principle-poll/principle-poll.js';
import { CopPrinciplePoll } from '../../src/principle-poll/principle-poll.component.js';
import { barsSettled } from '../../src/principle-poll/frame-properties.js';
import { ADMIN_TOKEN, adminPoll, feedUrl, newParticipant, voteDirectly } from '../reference-server.js';

// test/fixtures/server-feeds/poll-projector.json: twelve principles, lowest 4, a join URL in the feed.
const PROJECTOR = { programme: 'poll-projector', poll: 'poll-test-projector' };
const JOIN_URL = 'https://www.regiofoodvalley.nl/stem?peiling=poll-test-projector';
const IDS = Array.from({ length: 12 }, (_, i) => `p${String(i + 1).padStart(2, '0')}`);
const WAIT = { timeout: 8000 };

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** jsQR (a decoder of its own, not the encoder's) as the UMD file it ships: it sets `window.jsQR`. */
type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
async function decoder(): Promise<JsQr> {
  const w = window as unknown as { jsQR?: JsQr };
  if (!w.jsQR) {
    const script = document.createElement('script');
    script.src = '/node_modules/jsqr/dist/jsQR.js';
    document.head.append(script);
    await new Promise((resolve, reject) => {
      script.addEventListener('load', resolve);
      script.addEventListener('error', reject);
    });
  }
  return w.jsQR!;
}

/** What the QR code on the screen says: the SVG drawn on a canvas and read by jsQR. */
async function decodeQr(el: CopPrinciplePoll): Promise<string | undefined> {
  // A copy at a size to decode; the serializer writes the SVG namespace itself (once, in every engine).
  const svg = $(el, '.qr svg')!.cloneNode(true) as SVGSVGElement;
  svg.setAttribute('width', '400');
  svg.setAttribute('height', '400');
  const source = new XMLSerializer().serializeToString(svg);
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([source], { type: 'image/svg+xml' }));
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 400;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0, 400, 400);
  return (await decoder())(context.getImageData(0, 0, 400, 400).data, 400, 400)?.data;
}

async function projector(attrs = ''): Promise<CopPrinciplePoll> {
  const el = await fixture<CopPrinciplePoll>(
    html`<cop-principle-poll mode="results" src=${feedUrl(PROJECTOR.programme)}></cop-principle-poll>`,
  );
  if (attrs) el.setAttribute('join-url', attrs);
  await waitUntil(
    () => $(el, '.connection--live') && $(el, '.qr svg'),
    'the projector did not go live with its QR code',
    WAIT,
  );
  return el;
}

async function roomVotes(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await voteDirectly(
      PROJECTOR.poll,
      newParticipant(),
      Object.fromEntries(IDS.map((id, j) => [id, ((i + j) % 5) + 1])),
    );
  }
}

beforeEach(() => {
  // A projector page has nothing around the view: no body margin that would scroll it.
  document.body.style.margin = '0';
  localStorage.clear();
  sessionStorage.clear();
  clearFeedCache();
});

afterEach(async () => {
  if (document.fullscreenElement) await document.exitFullscreen();
  await setViewport({ width: 800, height: 600 });
});

describe('cop-principle-poll: the projector view for the room', () => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`shows all twelve principles at once at ${width}×${height}, none outside the screen, readable from the back`, async () => {
      await adminPoll(PROJECTOR.poll, 'reset');
      await roomVotes(6);
      await setViewport({ width, height });
      const el = await projector();
      await waitUntil(() => $(el, '.participants')?.textContent === '6 stemmen', 'no votes shown', WAIT);
      await barsSettled();
      const rows = $$(el, '.chart .row');
      expect(rows.map((r) => r.dataset.principle)).to.deep.equal(IDS);
      for (const row of rows) {
        const box = row.getBoundingClientRect();
        expect(
          box.top >= 0 && box.left >= 0 && box.bottom <= height && box.right <= width,
          `${row.dataset.principle} at ${JSON.stringify(box)}`,
        ).to.equal(true);
        // Nothing inside a box spills out of it (the title is cut at two lines, not the bars).
        for (const part of row.querySelectorAll('.mean, .axis, .badge')) {
          const inner = part.getBoundingClientRect();
          expect(
            inner.bottom <= box.bottom + 1 && inner.right <= box.right + 1,
            `${row.dataset.principle}: ${part.className} spills`,
          ).to.equal(true);
        }
      }
      expect(document.documentElement.scrollHeight, 'no scrolling').to.be.at.most(height);
      const body = parseFloat(getComputedStyle($(el, '.row__title')!).fontSize);
      expect(body, 'body text').to.be.at.least(width === 1920 ? 28 : 18.5);
      expect($$(el, '.row--lowest .badge').map((b) => b.textContent)).to.have.length.at.least(4);
      await expect(el).to.be.accessible();
    });
  }

  it('shows a QR code that decodes to the join URL, from the feed or the join-url attribute, drawn without a request', async () => {
    await setViewport({ width: 1280, height: 720 });
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => requests.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource' });
    const el = await projector();
    expect(await decodeQr(el)).to.equal(JOIN_URL);
    expect($(el, '.join__url')!.textContent).to.equal('regiofoodvalley.nl/stem?peiling=poll-test-projector');
    expect($(el, '.qr')!.getAttribute('aria-label')).to.equal(`QR-code naar ${JOIN_URL}`);
    observer.disconnect();
    expect(
      requests.filter((url) => !url.includes('/api/') && !url.includes('.ts') && !url.includes('.js')),
      'no image service',
    ).to.deep.equal([]);

    el.setAttribute('join-url', 'https://example.org/s/42');
    await waitUntil(() => $(el, '.join__url')!.textContent === 'example.org/s/42', 'the attribute was not used', WAIT);
    expect(await decodeQr(el)).to.equal('https://example.org/s/42');
  });

  it('is intentional when nobody has voted: a call to scan, "0 stemmen", no empty bars or bare ticks', async () => {
    await adminPoll(PROJECTOR.poll, 'reset');
    await setViewport({ width: 1920, height: 1080 });
    const el = await projector();
    expect(text(el)).to.contain('Scan de code en geef uw scores');
    expect($(el, '.participants')!.textContent).to.equal('0 stemmen');
    expect($$(el, '.row__none').map((p) => p.textContent)).to.have.length(12);
    expect($$(el, '.meter, .mean, .column, .legend'), 'nothing drawn for no data').to.have.length(0);
    expect($(el, '.tools')!.hidden, 'nothing to sort yet').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('goes full screen with F and back, and leaves the key alone while someone types', async () => {
    await setViewport({ width: 1280, height: 720 });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><input aria-label="elders" /><cop-principle-poll mode="results" src=${feedUrl(PROJECTOR.programme)}></cop-principle-poll></div>`,
    );
    const el = wrapper.querySelector('cop-principle-poll')!;
    await waitUntil(() => $(el, '.connection--live'), 'not live', WAIT);
    wrapper.querySelector('input')!.focus();
    await sendKeys({ press: 'f' });
    expect(document.fullscreenElement, 'typing an f in a field').to.equal(null);
    wrapper.querySelector('input')!.blur();
    await sendKeys({ press: 'f' });
    await waitUntil(() => document.fullscreenElement === el, 'F did not go full screen', WAIT);
    // The button follows on the browser's fullscreenchange, which comes after the switch.
    await waitUntil(
      () => $(el, '.fullscreen')!.getAttribute('aria-pressed') === 'true',
      'the button does not say so',
      WAIT,
    );
    await sendKeys({ press: 'f' });
    await waitUntil(() => document.fullscreenElement === null, 'F did not leave full screen', WAIT);
  });
});

describe('cop-principle-poll: presenter controls reach every open view', () => {
  async function signIn(presenter: CopPrinciplePoll, token: string): Promise<void> {
    const input = $<HTMLInputElement>(presenter, 'input[type="password"]')!;
    input.focus();
    input.value = '';
    await sendKeys({ type: token });
    $<HTMLButtonElement>(presenter, 'form button[type="submit"]')!.click();
  }
  const button = (el: CopPrinciplePoll, label: string) =>
    $$<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === label)!;

  it('signs in with the admin token, closes voting for a voter and the projector within a second, hides and reveals, opens again', async () => {
    await adminPoll(PROJECTOR.poll, 'reset');
    await roomVotes(3);
    const page = await fixture<HTMLElement>(html`<div>
      <cop-principle-poll mode="presenter" src=${feedUrl(PROJECTOR.programme)}></cop-principle-poll>
      <cop-principle-poll src=${feedUrl(PROJECTOR.programme)}></cop-principle-poll>
      <cop-principle-poll mode="results" src=${feedUrl(PROJECTOR.programme)}></cop-principle-poll>
    </div>`);
    const [presenter, voter, screen] = [...page.querySelectorAll('cop-principle-poll')] as CopPrinciplePoll[];
    await waitUntil(
      () => $(presenter!, 'input[type="password"]') && $(voter!, 'form') && $(screen!, '.connection--live'),
      'views not ready',
      WAIT,
    );
    await expect(presenter).to.be.accessible();

    await signIn(presenter!, 'wrong-token');
    await waitUntil(() => $(presenter!, '.error'), 'no message for a wrong token', WAIT);
    expect($(presenter!, '.error')!.textContent).to.equal(
      'Dit token klopt niet. Controleer het en probeer het opnieuw.',
    );
    expect($<HTMLInputElement>(presenter!, 'input[type="password"]')!.value, 'what was typed stays').to.equal(
      'wrong-token',
    );

    await signIn(presenter!, ADMIN_TOKEN);
    await waitUntil(() => button(presenter!, 'Stemmen sluiten'), 'no controls after signing in', WAIT);
    expect(text(presenter!)).to.contain('Stemmen is open.');
    expect(text(presenter!)).to.contain('3 stemmen');
    expect(sessionStorage.getItem('cop-principle-poll:admin-token'), 'kept in this tab').to.equal(ADMIN_TOKEN);
    await expect(presenter).to.be.accessible();

    const closedAt = performance.now();
    button(presenter!, 'Stemmen sluiten').click();
    await waitUntil(() => text(voter!).includes('De peiling is gesloten'), 'the voter did not see it close', {
      timeout: 1000,
      interval: 20,
    });
    await waitUntil(() => text(screen!).includes('De peiling is gesloten'), 'the projector did not follow', {
      timeout: 1000,
      interval: 20,
    });
    expect(performance.now() - closedAt, 'within a second').to.be.below(1000);
    expect($(voter!, 'form'), 'no voting controls').to.equal(null);
    expect($(voter!, '.notice--closed')!.getAttribute('role'), 'announced').to.equal('alert');
    await waitUntil(
      () => $(presenter!, '[role="status"].presenter__done')?.textContent === 'Stemmen is gesloten.',
      'the presenter was not told',
      WAIT,
    );
    await expect(voter).to.be.accessible();

    button(presenter!, 'Resultaten verbergen').click();
    await waitUntil(
      () => text(screen!).includes('De resultaten worden straks getoond.'),
      'the projector still shows the results',
      { timeout: 1000, interval: 20 },
    );
    expect($$(screen!, '.chart .row'), 'no figures on the screen').to.have.length(0);
    expect($$(presenter!, '.chart .row'), 'the organiser still sees them').to.have.length(12);
    await expect(screen).to.be.accessible();

    button(presenter!, 'Resultaten tonen').click();
    await waitUntil(() => $$(screen!, '.chart .row').length === 12, 'the results were not revealed', {
      timeout: 1000,
      interval: 20,
    });

    button(presenter!, 'Stemmen openen').click();
    await waitUntil(() => $(voter!, 'form'), 'the voter cannot vote again', { timeout: 1000, interval: 20 });

    button(presenter!, 'Opnieuw beginnen').click();
    await presenter!.updateComplete;
    expect(text(presenter!)).to.contain('Alle stemmen worden verwijderd.');
    button(presenter!, 'Ja, alle stemmen verwijderen').click();
    await waitUntil(
      () => $(screen!, '.participants')?.textContent === '0 stemmen',
      'reset did not reach the projector',
      WAIT,
    );
  });

  it('downloads the results as PNG, SVG and CSV from the presenter view, with the principles and numbers', async () => {
    await adminPoll(PROJECTOR.poll, 'reset');
    await roomVotes(5);
    sessionStorage.setItem('cop-principle-poll:admin-token', ADMIN_TOKEN);
    const el = await fixture<CopPrinciplePoll>(
      html`<cop-principle-poll mode="presenter" src=${feedUrl(PROJECTOR.programme)}></cop-principle-poll>`,
    );
    await waitUntil(() => $(el, '.exports'), 'no downloads', WAIT);
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => (blobs.push(blob as Blob), create(blob));
    try {
      const download = async (label: string, type: string) => {
        button(el, label).click();
        await waitUntil(() => blobs.some((b) => b.type.startsWith(type)), `no ${type}`, WAIT);
        return blobs.find((b) => b.type.startsWith(type))!;
      };
      const svg = await (await download('Afbeelding (SVG)', 'image/svg+xml;charset')).text();
      for (const shown of [
        '>Welke leidende principes hebben we al op orde?<',
        '5 deelnemers<',
        '>Het kind staat centraal, niet het<',
        '>Lerend systeem<',
        '>3,0<',
        '>5 scores<',
      ]) {
        expect(svg.includes(shown), shown).to.equal(true);
      }
      const png = await download('Afbeelding (PNG)', 'image/png');
      const bitmap = await createImageBitmap(png);
      const size = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
      expect([bitmap.width, bitmap.height]).to.deep.equal([Number(size[1]) * 2, Number(size[2]) * 2]);
      expect(png.size, 'not an empty picture').to.be.above(20_000);
      const csv = await (await download('Tabel (CSV)', 'text/csv')).text();
      expect(csv).to.contain('"p01","Het kind staat centraal, niet het systeem","3.00","5"');
    } finally {
      URL.createObjectURL = create;
    }
  });

  it('closes at the feed’s closing time in a page that stays open, without a reload or a vote', async () => {
    await adminPoll(PROJECTOR.poll, 'reset');
    const feed = (await (await fetch(feedUrl(PROJECTOR.programme))).json()) as FeedInput & {
      poll: { closes?: string };
    };
    feed.poll.closes = new Date(Date.now() + 1500).toISOString();
    const el = await fixture<CopPrinciplePoll>(html`<cop-principle-poll .feed=${feed}></cop-principle-poll>`);
    await waitUntil(() => $(el, 'form'), 'no form', WAIT);
    await waitUntil(() => text(el).includes('De peiling is gesloten'), 'did not close by itself', WAIT);
    expect($(el, 'form')).to.equal(null);
    expect($(el, '.notice--closed')!.getAttribute('role')).to.equal('alert');
  });
});

describe('cop-principle-poll: voting on a phone', () => {
  for (const asked of [320, 390]) {
    it(`is thumb-friendly at ${asked} px: 44 px targets, no sideways scrolling, a mean bar across the card`, async () => {
      await adminPoll(PROJECTOR.poll, 'reset');
      await roomVotes(2);
      const width = await phoneViewport(asked, 740);
      const el = await fixture<CopPrinciplePoll>(
        html`<cop-principle-poll src=${feedUrl(PROJECTOR.programme)}></cop-principle-poll>`,
      );
      await waitUntil(() => $(el, 'form'), 'no form', WAIT);
      expect($(el, '.progress'), 'no count before anything is chosen').to.equal(null);
      for (const option of $$(el, '.option')) expect(option.getBoundingClientRect().height).to.be.at.least(44);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
      $<HTMLInputElement>(el, 'input[value="4"]')!.click();
      $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
      await waitUntil(() => $(el, '.chart .meter'), 'no results after voting', WAIT);
      expect($(el, '.chart .meter')!.getBoundingClientRect().width, 'the mean bar').to.be.at.least(width / 2);
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
    });
  }
});
