import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse, setViewport } from '@web/test-runner-commands';
import { clearFeedCache } from '../../src/core/feed.js';
import { loadBundledGeometry, type GeometryLoader } from '../../src/region-map/load.js';
import { CopRegionMap } from '../../src/region-map/region-map.js';
import { demoFeedUrl, minimalFeed } from '../fixtures.js';
import { WAIT } from '../waits.js';
import { all, announced, click, drawn, focusedLabel, one, panelLines, pointIn, region, regionMap } from './helpers.js';
import { search, seedFeed, tabTo, text } from './helpers.js';

describe('<cop-region-map>', () => {
  before(() => setViewport({ width: 1000, height: 1400 }));
  afterEach(async () => {
    clearFeedCache();
    await resetMouse();
  });

  it('colours the nine regions of the seed programme per facilitator, each with its number', async () => {
    const el = await regionMap(demoFeedUrl('cop-jeugdstelsel'));
    const covered = all(el, '.region--covered');
    // A label that is not the region's CBS name is said with it: the whole region is coloured, not the town.
    expect(covered.map((path) => path.getAttribute('aria-label'))).to.deep.equal([
      'Nijmegen – jeugdregio Rijk van Nijmegen — Bas Wijnen',
      'Almere – jeugdregio Flevoland — Bas Wijnen',
      'Zuid Kennemerland — Bas Wijnen',
      'Holland Rijnland — René Peeters',
      'Zaanstad – jeugdregio Zaanstreek-Waterland — René Peeters',
      'Meierij – jeugdregio Noordoost Brabant — René Peeters',
      'Food Valley — Marloes Driedonks',
      'JZNL – jeugdregio Noord-Limburg — Marloes Driedonks',
      'Krimpenerwaard – jeugdregio Midden Holland — Marloes Driedonks',
    ]);
    // Okabe–Ito blue, orange and green; every other region neutral grey.
    const fill = (code: string) => getComputedStyle(region(el, code)).fill;
    expect(['JZ32', 'JZ08', 'JZ11'].map(fill)).to.deep.equal(Array(3).fill('rgb(0, 114, 178)'));
    expect(['JZ18', 'JZ09', 'JZ33'].map(fill)).to.deep.equal(Array(3).fill('rgb(230, 159, 0)'));
    expect(['JZ21', 'JZ37', 'JZ27'].map(fill)).to.deep.equal(Array(3).fill('rgb(0, 158, 115)'));
    const plain = all(el, 'svg .region:not(.region--covered)');
    expect(plain).to.have.length(33);
    expect(new Set(plain.map((path) => getComputedStyle(path).fill))).to.deep.equal(new Set(['rgb(224, 224, 224)']));
    // Not by colour alone: a number on each region, the same as in the legend.
    expect(all(el, '.badge text').map(text)).to.deep.equal(['1', '1', '1', '2', '2', '2', '3', '3', '3']);
    expect(all(el, '.facilitator__name').map(text)).to.deep.equal([
      '1 Bas Wijnen',
      '2 René Peeters',
      '3 Marloes Driedonks',
    ]);
    expect(text(one(el, '[part="credit"]'))).to.equal('Bron: CBS, PDOK');
    expect(panelLines(el)).to.deep.equal(['Kies een regio op de kaart of zoek uw gemeente of regio.']);
    await expect(el).to.be.accessible();
  });

  it("shows a region's facilitator and contact details when the region gets focus", async () => {
    const el = await regionMap(await seedFeed());
    await tabTo(el, 'Food Valley — Marloes Driedonks');
    expect(panelLines(el)).to.deep.equal([
      'Food Valley',
      'CBS-jeugdregio Food Valley (JZ21)',
      '3 Marloes Driedonks',
      'NJi',
      'E-mail: m.driedonks@example.org',
      'Telefoon: +31 30 000 00 00',
      '7 gemeenten in deze regio',
    ]);
    expect(all(el, '.municipalities li').map(text)).to.deep.equal([
      'Barneveld',
      'Ede',
      'Nijkerk',
      'Renswoude',
      'Rhenen',
      'Scherpenzeel',
      'Veenendaal',
    ]);
    const links = [...one(el, '[part="panel"]')!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['mailto:m.driedonks@example.org', 'tel:+31300000000']);
    await expect(el).to.be.accessible();
  });

  it('chooses a region on click: the panel keeps it and cop-region-select names it and its facilitator', async () => {
    const el = await regionMap(await seedFeed());
    const chosen = oneEvent(el, 'cop-region-select');
    await click(el, 'JZ33');
    expect((await chosen).detail).to.deep.equal({
      programmeId: 'cop-jeugdstelsel',
      regionCode: 'JZ33',
      facilitatorId: 'rene',
    });
    // The map has zoomed in under the pointer, which now stands on another region: until the
    // pointer moves, the panel keeps the one that was clicked.
    expect(el.getAttribute('region')).to.equal('JZ33');
    expect(region(el, 'JZ33').getAttribute('aria-current')).to.equal('true');
    expect(panelLines(el).slice(0, 4)).to.deep.equal([
      'Meierij – jeugdregio Noordoost Brabant',
      'CBS-jeugdregio Noordoost Brabant (JZ33)',
      '2 René Peeters',
      "Bestuurlijk ambassadeur 'Met Andere Ogen'",
    ]);

    // Hovering another region shows it for a moment; leaving the map brings the choice back.
    const { x, y } = pointIn(el, 'JZ21');
    await sendMouse({ type: 'move', position: [x, y] });
    await waitUntil(() => panelLines(el)[0] === 'Food Valley', 'the hovered region is shown', WAIT);
    await sendMouse({ type: 'move', position: [1, 1] });
    await waitUntil(
      () => panelLines(el)[0] === 'Meierij – jeugdregio Noordoost Brabant',
      'the chosen region is back',
      WAIT,
    );
  });

  it('tells whom to ask about a region nobody covers', async () => {
    const el = await regionMap(await seedFeed());
    const chosen = oneEvent(el, 'cop-region-select');
    await click(el, 'JZ22');
    expect((await chosen).detail).to.deep.equal({ programmeId: 'cop-jeugdstelsel', regionCode: 'JZ22' });
    expect(panelLines(el)).to.deep.equal([
      'Utrecht Stad',
      'CBS-jeugdregio Utrecht Stad (JZ22)',
      'Voor deze regio is geen vaste begeleider.',
      'Vragen? Mail Bas Wijnen: cop-jeugdstelsel@example.org',
      'Gemeente in deze regio',
    ]);
    expect(all(el, '.municipalities li').map(text)).to.deep.equal(['Utrecht']);
  });

  it('preselects the region named in region="JZ21"', async () => {
    const el = await regionMap(await seedFeed(), { region: 'JZ21' });
    expect(panelLines(el).slice(0, 3)).to.deep.equal([
      'Food Valley',
      'CBS-jeugdregio Food Valley (JZ21)',
      '3 Marloes Driedonks',
    ]);
    expect(region(el, 'JZ21').getAttribute('aria-current')).to.equal('true');
    expect(one(el, 'path.active')!.getAttribute('d')).to.equal(region(el, 'JZ21').getAttribute('d'));
    await expect(el).to.be.accessible();
  });

  it('works by keyboard: Tab from region to region with a visible ring, Enter or Space chooses', async () => {
    const el = await regionMap(await seedFeed());
    one(el, 'input')!.focus();
    await sendKeys({ press: 'Tab' }); // view switch: Kaart
    await sendKeys({ press: 'Tab' }); // view switch: Lijst
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(focusedLabel(el)).to.equal('Nijmegen – jeugdregio Rijk van Nijmegen — Bas Wijnen');
    expect(panelLines(el).slice(0, 3)).to.deep.equal([
      'Nijmegen – jeugdregio Rijk van Nijmegen',
      'CBS-jeugdregio Rijk van Nijmegen (JZ32)',
      '1 Bas Wijnen',
    ]);
    expect(one(el, 'path.focus-ring')!.getAttribute('d')).to.equal(region(el, 'JZ32').getAttribute('d'));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focusedLabel(el)).to.equal('Zuid Kennemerland — Bas Wijnen');
    let chosen = oneEvent(el, 'cop-region-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail).to.deep.equal({
      programmeId: 'cop-jeugdstelsel',
      regionCode: 'JZ11',
      facilitatorId: 'bas',
    });
    // A choice zooms the map to the region (see the layout tests); Escape shows the whole country again.
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    chosen = oneEvent(el, 'cop-region-select');
    await sendKeys({ press: 'Space' });
    expect((await chosen).detail.regionCode).to.equal('JZ18');
    expect(panelLines(el)[0]).to.equal('Holland Rijnland');
    await sendKeys({ press: 'Escape' });

    // From the last region on to the panel: it keeps that region, so its zoom and links are there to use.
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'Tab' });
    expect(focusedLabel(el)).to.equal('Krimpenerwaard – jeugdregio Midden Holland — Marloes Driedonks');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(focusedLabel(el)).to.equal('Inzoomen op Krimpenerwaard');
    await sendKeys({ press: 'Tab' });
    expect(focusedLabel(el)).to.equal('m.driedonks@example.org');
    expect(panelLines(el)[0]).to.equal('Krimpenerwaard – jeugdregio Midden Holland');
    expect(one(el, 'path.focus-ring')).to.equal(null);
  });

  it('lists facilitators with their contact details and regions, with arrow keys between the regions', async () => {
    const el = await regionMap(await seedFeed());
    one(el, '.switch__option:nth-child(2)')!.click();
    await el.updateComplete;
    expect(one(el, 'svg.map')).to.equal(null);
    const entries = all(el, '.facilitator').map((entry) => ({
      name: text(entry.querySelector('.facilitator__name')),
      details: [...entry.querySelectorAll('.facilitator__details p')].map(text),
      regions: [...entry.querySelectorAll('.regions li')].map(text),
    }));
    expect(entries).to.deep.equal([
      {
        name: '1 Bas Wijnen',
        details: ['Leidinggevende vakgroep kwaliteit, beleid en monitoring', 'NJi', 'E-mail: b.wijnen@example.org'],
        regions: ['Nijmegen', 'Almere', 'Zuid Kennemerland'],
      },
      {
        name: '2 René Peeters',
        details: ["Bestuurlijk ambassadeur 'Met Andere Ogen'", 'E-mail: r.peeters@example.org'],
        regions: ['Holland Rijnland', 'Zaanstad', 'Meierij'],
      },
      {
        name: '3 Marloes Driedonks',
        details: ['NJi', 'E-mail: m.driedonks@example.org', 'Telefoon: +31 30 000 00 00'],
        regions: ['Food Valley', 'JZNL', 'Krimpenerwaard'],
      },
    ]);
    // In the list view the details are on screen, not only for screen readers.
    expect(one(el, '.facilitator__details')!.getBoundingClientRect().width).to.be.greaterThan(100);
    await expect(el).to.be.accessible();

    // One tab stop for all regions; the arrow keys move between them.
    expect(all(el, '.region-button[tabindex="0"]').map(text)).to.deep.equal(['Nijmegen']);
    one(el, '.switch__option:nth-child(2)')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedLabel(el)).to.equal('Nijmegen');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedLabel(el)).to.equal('Almere');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedLabel(el)).to.equal('Holland Rijnland');
    await sendKeys({ press: 'End' });
    expect(focusedLabel(el)).to.equal('Krimpenerwaard');
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedLabel(el)).to.equal('JZNL');
    expect(panelLines(el)[0]).to.equal('JZNL – jeugdregio Noord-Limburg');
    const chosen = oneEvent(el, 'cop-region-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail).to.deep.equal({
      programmeId: 'cop-jeugdstelsel',
      regionCode: 'JZ37',
      facilitatorId: 'marloes',
    });
    expect(announced(el)).to.equal('JZNL – jeugdregio Noord-Limburg: Marloes Driedonks begeleidt deze regio.');
    await sendKeys({ press: 'Home' });
    expect(focusedLabel(el)).to.equal('Nijmegen');
  });

  it("puts the list's one tab stop on the chosen region, so Tab brings a keyboard user back to it", async () => {
    const el = await regionMap(await seedFeed(), { region: 'JZ33' });
    one(el, '.switch__option:nth-child(2)')!.click();
    await el.updateComplete;
    expect(all(el, '.region-button[tabindex="0"]').map(text)).to.deep.equal(['Meierij']);
    // Tabbing on from the view switch passes contact links, and the first region it reaches is the chosen one.
    one(el, '.switch__option:nth-child(2)')!.focus();
    for (let i = 0; i < 10 && !el.shadowRoot!.activeElement?.classList.contains('region-button'); i += 1)
      await sendKeys({ press: 'Tab' });
    expect(focusedLabel(el)).to.equal('Meierij');
    // Another region chosen by the page moves the tab stop with it.
    el.region = 'JZ37';
    await el.updateComplete;
    expect(all(el, '.region-button[tabindex="0"]').map(text)).to.deep.equal(['JZNL']);
  });

  it('keeps the list beside the map as a legend, with the details there for screen readers', async () => {
    const el = await regionMap(await seedFeed());
    const details = one(el, '.facilitator__details')!;
    expect(text(details)).to.contain('b.wijnen@example.org');
    expect(details.getBoundingClientRect().width).to.be.at.most(1);
    details.querySelector('a')!.focus();
    expect(details.getBoundingClientRect().width).to.be.greaterThan(100);
  });

  it('finds a region by its CBS name or its label in the search box, beside municipalities that match', async () => {
    const el = await regionMap(await seedFeed());
    const input = one(el, 'input') as HTMLInputElement;
    await search(el, 'noordoost');
    // Municipalities whose name starts with it come first; a name people use is shown beside the CBS name.
    expect(all(el, '.result').map(text)).to.deep.equal([
      'Noardeast-Fryslân (Noordoost-Friesland) Jeugdregio Friesland (Fryslân)',
      'Noordoostpolder Jeugdregio Flevoland – Bas Wijnen',
      'Meierij (Noordoost Brabant) René Peeters',
    ]);
    expect(text(one(el, '.search [role="status"]'))).to.equal('3 resultaten');

    await search(el, 'utrecht');
    const names = () => all(el, '.result .result__name').map(text);
    expect(names()).to.deep.equal([
      'Utrecht',
      'Utrechtse Heuvelrug',
      'Utrecht Stad',
      'Utrecht West',
      'Zuidoost Utrecht',
    ]);

    await search(el, 'fryslan');
    expect(names()).to.deep.equal(['Noardeast-Fryslân', 'Súdwest-Fryslân', 'Friesland (Fryslân)']);

    await search(el, 'meierij');
    expect(names()).to.deep.equal(['Meierij (Noordoost Brabant)', 'Meierijstad']);
    const chosen = oneEvent(el, 'cop-region-select');
    await sendKeys({ press: 'Enter' });
    expect((await chosen).detail).to.deep.equal({
      programmeId: 'cop-jeugdstelsel',
      regionCode: 'JZ33',
      facilitatorId: 'rene',
    });
    await el.updateComplete;
    expect(input.value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    expect(panelLines(el)[0]).to.equal('Meierij – jeugdregio Noordoost Brabant');
    expect(announced(el)).to.equal('Meierij – jeugdregio Noordoost Brabant: René Peeters begeleidt deze regio.');

    await sendKeys({ type: 'xyz' });
    await el.updateComplete;
    expect(text(one(el, '.results__none'))).to.equal('Geen gemeente of regio gevonden');
    await expect(el).to.be.accessible();
  });

  it('names a region code that does not exist and still draws the rest', async () => {
    const feed = await seedFeed();
    feed.facilitators![0]!.regions!.push('JZ40');
    const el = await regionMap(feed);
    expect(text(one(el, '[part="notice"]'))).to.equal(
      "De regiocode JZ40 in dit programma bestaat niet; die regio staat niet op de kaart. De andere regio's wel.",
    );
    expect(all(el, '.region--covered')).to.have.length(9);
    expect(all(el, '.facilitator')[0]!.querySelectorAll('.regions li')[3]!.textContent!.trim()).to.equal(
      'JZ40 (onbekende regiocode)',
    );
    await expect(el).to.be.accessible();
  });

  it('redraws the map for a new width, down to 320 px, without horizontal scrolling', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 480px">
      <cop-region-map .feed=${await seedFeed()} lang="nl"></cop-region-map>
    </div>`);
    const el = wrapper.querySelector('cop-region-map')!;
    const wide = await drawn(el);
    expect(wide.viewBox.baseVal.width).to.equal(480);
    const before = region(el, 'JZ21').getAttribute('d');

    wrapper.style.width = '320px';
    await waitUntil(
      () => el.shadowRoot!.querySelector<SVGSVGElement>('svg.map')?.viewBox.baseVal.width === 320,
      'redrawn at 320 px',
      WAIT,
    );
    const svg = el.shadowRoot!.querySelector<SVGSVGElement>('svg.map')!;
    expect(svg).to.equal(wide); // the same drawing, updated in place: nothing blinks
    expect(region(el, 'JZ21').getAttribute('d')).not.to.equal(before);
    expect(svg.getBoundingClientRect().width).to.equal(320);
    expect(svg.getBoundingClientRect().height).to.be.closeTo(svg.viewBox.baseVal.height, 1);
    expect(el.scrollWidth).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });

  it('draws a plain map for a programme without facilitators', async () => {
    const el = await regionMap(minimalFeed());
    expect(all(el, 'svg .region')).to.have.length(42);
    expect(all(el, '.region--covered, .badge, .switch')).to.have.length(0);
    expect(text(one(el, '[part="list"]'))).to.equal('Dit programma heeft (nog) geen begeleiders per regio.');
    await click(el, 'JZ01');
    expect(panelLines(el).slice(0, 3)).to.deep.equal([
      'Groningen',
      'CBS-jeugdregio Groningen (JZ01)',
      'Voor deze regio is geen vaste begeleider.',
    ]);
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en", and names both facilitators of a shared region', async () => {
    const feed = await seedFeed();
    feed.facilitators![0]!.regions!.push('JZ21');
    const el = await regionMap(feed, { lang: 'en', region: 'JZ21' });
    expect(region(el, 'JZ21').getAttribute('aria-label')).to.equal('Food Valley — Bas Wijnen and Marloes Driedonks');
    expect(all(el, '.badge text').map(text)).to.deep.equal(['1', '1', '1', '1/3', '2', '2', '2', '3', '3']);
    expect(panelLines(el)).to.deep.equal([
      'Food Valley',
      'CBS youth-care region Food Valley (JZ21)',
      '1 Bas Wijnen',
      'Leidinggevende vakgroep kwaliteit, beleid en monitoring',
      'NJi',
      'E-mail: b.wijnen@example.org',
      '3 Marloes Driedonks',
      'NJi',
      'E-mail: m.driedonks@example.org',
      'Phone: +31 30 000 00 00',
      '7 municipalities in this region',
    ]);
    expect(text(one(el, '[part="credit"]'))).to.equal('Source: CBS, PDOK');
    expect(text(one(el, '.search label'))).to.equal('Find your municipality or region');
    expect(text(one(el, '[part="zoom"]'))).to.equal('Zoom in on Food Valley');
  });

  it('marks the Dutch feed text and municipality names with lang="nl" inside an English map', async () => {
    const el = await regionMap(await seedFeed(), { lang: 'en', region: 'JZ21' });
    const langOf = (selector: string) => one(el, selector)!.closest('[lang]')?.getAttribute('lang');
    expect(langOf('.panel__title span'), 'the region label').to.equal('nl');
    expect(langOf('.person p:not(.person__name)'), "the facilitator's role").to.equal('nl');
    expect(langOf('.municipalities__list li'), 'the municipalities').to.equal('nl');
    expect(langOf('.panel__region'), 'the map’s own words are English').to.equal(undefined);
    expect(langOf('.region-button span'), 'the legend’s region names').to.equal('nl');
    const dutch = await regionMap(await seedFeed(), { region: 'JZ21' });
    expect(dutch.shadowRoot!.querySelectorAll('[lang]').length, 'nothing to mark when both are Dutch').to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('keeps its contrast on a dark page', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="color-scheme: dark; background: #121212">
      <cop-region-map .feed=${await seedFeed()} region="JZ33" lang="nl"></cop-region-map>
    </div>`);
    const el = wrapper.querySelector('cop-region-map')!;
    await drawn(el);
    expect(getComputedStyle(region(el, 'JZ01')).fill).to.equal('rgb(61, 61, 61)');
    await expect(el).to.be.accessible();
  });

  describe('geometry', () => {
    const bundled = CopRegionMap.loadGeometry;
    afterEach(() => (CopRegionMap.loadGeometry = bundled));

    it('is loaded once for every map on the page', async () => {
      let loads = 0;
      CopRegionMap.loadGeometry = () => {
        loads += 1;
        return loadBundledGeometry();
      };
      const feed = await seedFeed();
      const page = await fixture<HTMLDivElement>(html`<div>
        <cop-region-map .feed=${feed}></cop-region-map><cop-region-map .feed=${feed} region="JZ08"></cop-region-map>
      </div>`);
      await Promise.all([...page.querySelectorAll('cop-region-map')].map(drawn));
      expect(loads).to.equal(1);
    });

    it('that fails to load gives a message and a retry; the list still works', async () => {
      let fail = true;
      const flaky: GeometryLoader = () =>
        fail ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : loadBundledGeometry();
      CopRegionMap.loadGeometry = flaky;
      const el = await fixture<CopRegionMap>(html`<cop-region-map .feed=${await seedFeed()}></cop-region-map>`);
      await waitUntil(() => one(el, '[part="map"] [role="alert"]'), 'the failure is shown', WAIT);
      expect(text(one(el, '[part="map"] [role="alert"] p'))).to.equal(
        "De kaart kon niet worden geladen. De begeleiders en hun regio's staan in de lijst.",
      );
      expect(all(el, '.region-button').map(text)).to.have.length(9);
      await expect(el).to.be.accessible();

      fail = false;
      one(el, '[part="map"] [role="alert"] button')!.click();
      await drawn(el);
      expect(all(el, '.region--covered')).to.have.length(9);
    });
  });
});
