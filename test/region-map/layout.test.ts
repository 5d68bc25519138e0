import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { clearFeedCache, type FeedInput } from '../../src/core/feed.js';
import { JEUGDREGIO_CODES } from '../../src/core/regions.js';
import type { CopRegionMap } from '../../src/region-map/region-map.js';
import { all, drawn, focusedLabel, one, region, regionMap, seedFeed, settled, tabTo, text } from './helpers.js';

/** The four widths, and the regional portal's column (demo/regioportaal.html). */
const WIDTHS = [320, 480, 640, 768, 1280];

/** Eight facilitators who cover every region between them. */
async function denseFeed(): Promise<FeedInput> {
  const feed = await seedFeed();
  feed.facilitators = Array.from({ length: 8 }, (_, i) => ({
    id: `f${i + 1}`,
    name: `Begeleider ${i + 1}`,
    email: `begeleider.${i + 1}@example.org`,
    // The first also shares Zuid Kennemerland, so a wider "1/4" badge sits in the busiest corner.
    regions: [...JEUGDREGIO_CODES.filter((_, index) => index % 8 === i), ...(i === 0 ? ['JZ11'] : [])],
  }));
  return feed;
}

/** The map inside a box of `width` px, as on a partner page whose column is that wide. */
async function mapInBox(feed: FeedInput, width: number, chosen = 'JZ21'): Promise<CopRegionMap> {
  const box = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}px">
    <cop-region-map .feed=${feed} region=${chosen} lang="nl"></cop-region-map>
  </div>`);
  const el = box.querySelector('cop-region-map')!;
  await drawn(el);
  await settled(el);
  return el;
}

const box = (element: Element) => element.getBoundingClientRect();

/** Pairs of badges whose boxes meet, by region code. */
function meetingBadges(el: CopRegionMap): string[] {
  const badges = all(el, '.badge').map((badge) => ({
    label: text(badge),
    box: box(badge.querySelector('circle:last-of-type')!),
  }));
  const meeting: string[] = [];
  badges.forEach((a, i) =>
    badges.slice(i + 1).forEach((b) => {
      const apart = a.box.right <= b.box.left || b.box.right <= a.box.left;
      if (!apart && a.box.bottom > b.box.top && b.box.bottom > a.box.top) meeting.push(`${a.label}×${b.label}`);
    }),
  );
  return meeting;
}

/** How many lines a link's text takes (an e-mail address or phone number that broke takes two). */
function linesOf(link: Element): number {
  const range = document.createRange();
  range.selectNodeContents(link);
  return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
}

/**
 * The runner emulates `prefers-reduced-motion` over Chrome's protocol only; in Firefox and WebKit
 * the map animates as for most visitors, and the tests wait for it to settle.
 */
const canEmulateMotion = /Chrome\//.test(navigator.userAgent);
const reduceMotion = async (reduce: boolean) => {
  if (canEmulateMotion) await emulateMedia({ reducedMotion: reduce ? 'reduce' : 'no-preference' });
};

describe('<cop-region-map> layout', () => {
  before(() => setViewport({ width: 1400, height: 1400 }));
  beforeEach(() => reduceMotion(true));
  afterEach(async () => {
    clearFeedCache();
    await reduceMotion(false);
  });

  for (const width of WIDTHS) {
    it(`fits a ${width} px container: panel text inside its box, contact details whole, badges apart`, async () => {
      const el = await mapInBox(await seedFeed(), width);
      expect(el.scrollWidth).to.be.at.most(width);
      const panel = one(el, '[part="panel"]')!;
      const inner = box(panel);
      for (const part of panel.querySelectorAll('p, a, li, button, [role="heading"]')) {
        const { left, right } = box(part);
        expect(left, `${text(part)} starts inside the panel`).to.be.at.least(inner.left);
        expect(right, `${text(part)} ends inside the panel`).to.be.at.most(inner.right + 0.5);
      }
      expect([...panel.querySelectorAll('a')].map((link) => [text(link), linesOf(link)])).to.deep.equal([
        ['m.driedonks@example.org', 1],
        ['+31 30 000 00 00', 1],
      ]);
      // Side by side only where both have room: the panel starts beside the map, or under it.
      const map = box(one(el, '.figure')!);
      if (width >= 640) expect(inner.left).to.be.at.least(map.right);
      else expect(inner.top).to.be.at.least(map.bottom);
      expect(meetingBadges(el)).to.deep.equal([]);
      // The legend: each region's name on one line, within the widget.
      for (const button of all(el, '.region-button')) {
        expect(linesOf(button), text(button)).to.equal(1);
        expect(box(button).right).to.be.at.most(box(el).right);
      }
    });

    it(`keeps every badge apart at ${width} px with all 42 regions covered, whole and zoomed in`, async () => {
      const el = await mapInBox(await denseFeed(), width, '');
      expect(all(el, '.badge')).to.have.length(42);
      expect(meetingBadges(el)).to.deep.equal([]);
      // On a phone the Randstad's badges move off their regions, and point back to them.
      if (width === 320) expect(all(el, '.badge line.leader').length).to.be.greaterThan(0);
      one(el, '.region-button[data-code="JZ11"]')!.click();
      await settled(el);
      expect(meetingBadges(el)).to.deep.equal([]);
    });
  }

  it('names its contact links by the whole address and number, with nothing inside that splits them', async () => {
    const el = await regionMap(await seedFeed(), { region: 'JZ21' });
    // A <wbr> or an element inside the link would put a space into its accessible name.
    expect(all(el, '[part="panel"] a').map((link) => [link.childElementCount, link.textContent])).to.deep.equal([
      [0, 'm.driedonks@example.org'],
      [0, '+31 30 000 00 00'],
    ]);
  });

  it('zooms to a chosen region and back to the whole country by keyboard, focus kept', async () => {
    const el = await regionMap(await seedFeed());
    const svg = one(el, 'svg.map')!;
    // A region's width as a share of the map's, whatever width the map has.
    const share = (code: string) => box(region(el, code)).width / box(svg).width;
    const [nijmegen, jznl] = [share('JZ32'), share('JZ37')];
    await tabTo(el, 'Nijmegen – jeugdregio Rijk van Nijmegen — Bas Wijnen');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(share('JZ32')).to.be.greaterThan(2.5 * nijmegen);
    const [zoomed, frame] = [box(region(el, 'JZ32')), box(svg)];
    expect(zoomed.left).to.be.at.least(frame.left);
    expect(zoomed.top).to.be.at.least(frame.top);
    expect(zoomed.right).to.be.at.most(frame.right);
    expect(zoomed.bottom).to.be.at.most(frame.bottom);
    // Only the regions (partly) in sight are Tab stops, so the way back is a few presses away.
    const inSight = all(el, '.region--covered[tabindex="0"]').map((path) => path.dataset.code);
    expect(inSight).to.deep.equal(['JZ32', 'JZ33', 'JZ21', 'JZ37']);
    for (const _ of inSight) await sendKeys({ press: 'Tab' });
    expect(focusedLabel(el)).to.equal('Hele land tonen');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(share('JZ32')).to.be.closeTo(nijmegen, 0.001);
    expect(all(el, '.region--covered[tabindex="0"]')).to.have.length(9);
    // The same button, so focus stays where it was; it now zooms in on the panel's region (the last
    // one Tab passed) again.
    expect(focusedLabel(el)).to.equal('Inzoomen op JZNL');
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(share('JZ37')).to.be.greaterThan(2 * jznl);
    // Escape on the map is the other way back.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusedLabel(el)).to.equal('JZNL – jeugdregio Noord-Limburg — Marloes Driedonks');
    await sendKeys({ press: 'Escape' });
    await settled(el);
    expect(share('JZ37')).to.be.closeTo(jznl, 0.001);
    expect(focusedLabel(el)).to.equal('JZNL – jeugdregio Noord-Limburg — Marloes Driedonks');
    await expect(el).to.be.accessible();
  });

  it('animates the zoom, unless the visitor asks for reduced motion', async () => {
    const el = await regionMap(await seedFeed());
    const duration = () => parseFloat(getComputedStyle(one(el, '.zoom')!).transitionDuration);
    if (canEmulateMotion) {
      expect(duration()).to.be.below(0.001);
      await reduceMotion(false);
    }
    expect(duration()).to.equal(0.4);
    one(el, '.region-button[data-code="JZ08"]')!.click();
    await el.updateComplete;
    // On its way: the badges wait until the map is there.
    expect(one(el, 'svg.map--moving')).to.not.equal(null);
    await settled(el);
    expect(box(region(el, 'JZ08')).width).to.be.greaterThan(box(one(el, 'svg.map')!).width / 2);
  });
});
