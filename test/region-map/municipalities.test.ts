import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { clearFeedCache } from '../../src/core/feed.js';
import { JEUGDREGIO_CODES } from '../../src/core/regions.js';
import gemeenten from '../../src/region-map/gemeenten-2025.js';
import { all, announced, one, panelLines, region, regionMap, search, seedFeed, text } from './helpers.js';

/** shared/geo/README.md: the sha256 of gemeenten_2025.json, which src/region-map/gemeenten-2025.js holds unchanged. */
const SOURCE_SHA256 = '24567e9a0b0eaa65de8c760fb9cb07dcbc27016bbdedf828b9da2a10f2d15e85';

async function sha256(textToHash: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(textToHash));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('<cop-region-map> municipalities', () => {
  before(() => setViewport({ width: 1000, height: 1400 }));
  afterEach(() => clearFeedCache());

  it('ships the 342 municipalities of 2025 as CBS published them, each in one of the 42 regions', async () => {
    // The file is one line of JSON and a newline, so stringifying the parsed data gives it back byte for byte.
    expect(await sha256(`${JSON.stringify(gemeenten)}\n`)).to.equal(SOURCE_SHA256);
    expect(gemeenten).to.have.length(342);
    expect(new Set(gemeenten.map((m) => m.region))).to.deep.equal(new Set(JEUGDREGIO_CODES));
  });

  // What a visitor types, what they find first, and what a screen reader hears when they press Enter.
  const searches = [
    {
      query: 'Ede',
      shown: 'Ede',
      code: 'GM0228',
      region: 'JZ21',
      said: 'Ede ligt in jeugdregio Food Valley: Marloes Driedonks begeleidt deze regio.',
    },
    {
      query: 'druten',
      shown: 'Druten',
      code: 'GM0225',
      region: 'JZ32',
      said: 'Druten ligt in jeugdregio Rijk van Nijmegen: Bas Wijnen begeleidt deze regio.',
    },
    {
      query: 'den bosch',
      shown: "'s-Hertogenbosch (Den Bosch)",
      code: 'GM0796',
      region: 'JZ33',
      said: "'s-Hertogenbosch ligt in jeugdregio Noordoost Brabant: René Peeters begeleidt deze regio.",
    },
    ...['Súdwest-Fryslân', 'sudwest fryslan'].map((query) => ({
      query,
      shown: 'Súdwest-Fryslân',
      code: 'GM1900',
      region: 'JZ02',
      said: 'Súdwest-Fryslân ligt in jeugdregio Friesland (Fryslân). Voor deze regio is geen vaste begeleider.',
    })),
  ];

  for (const { query, shown, code, region: regionCode, said } of searches) {
    it(`finds "${query}": ${shown} in ${regionCode}, and says who covers it`, async () => {
      const el = await regionMap(await seedFeed());
      await search(el, query);
      expect(text(one(el, '.result .result__name'))).to.equal(shown);
      const chosen = oneEvent(el, 'cop-region-select');
      await sendKeys({ press: 'Enter' });
      const { detail } = await chosen;
      const name = shown.replace(/ \(.*\)$/, '');
      const { regionCode: chosenRegion, municipalityCode, municipalityName } = detail;
      expect([chosenRegion, municipalityCode, municipalityName]).to.deep.equal([regionCode, code, name]);
      await el.updateComplete;
      expect(announced(el)).to.equal(said);
      expect(el.getAttribute('municipality')).to.equal(code);
      expect(panelLines(el)[1]).to.match(new RegExp(`^${name} ligt in CBS-jeugdregio .* \\(${regionCode}\\)$`));
      expect(one(el, '.municipalities strong')!.textContent).to.equal(name);
    });
  }

  it("forgives apostrophes, hyphens, spaces and a leading 'gemeente'", async () => {
    const el = await regionMap(await seedFeed());
    const first = async (query: string) => {
      await search(el, query);
      return text(one(el, '.result .result__name'));
    };
    expect(await first("'s-Hertogenbosch")).to.equal("'s-Hertogenbosch");
    expect(await first('s hertogenbosch')).to.equal("'s-Hertogenbosch");
    expect(await first('denbosch')).to.equal("'s-Hertogenbosch (Den Bosch)");
    expect(await first('Den Haag')).to.equal("'s-Gravenhage (Den Haag)");
    expect(await first('gemeente ede')).to.equal('Ede');
    expect(await first('nuenen')).to.equal('Nuenen, Gerwen en Nederwetten');
    expect(await first('Bergen NH')).to.equal('Bergen (NH.)');
  });

  it('says the same in the list view, in English too', async () => {
    const el = await regionMap(await seedFeed(), { lang: 'en' });
    one(el, '.switch__option:nth-child(2)')!.click();
    await el.updateComplete;
    await search(el, 'druten');
    expect(all(el, '.result').map(text)[0]).to.equal('Druten Youth-care region Rijk van Nijmegen – Bas Wijnen');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(announced(el)).to.equal(
      'Druten lies in youth-care region Rijk van Nijmegen: Bas Wijnen covers this region.',
    );
    expect(panelLines(el).slice(0, 3)).to.deep.equal([
      'Nijmegen – youth-care region Rijk van Nijmegen',
      'Druten lies in CBS youth-care region Rijk van Nijmegen (JZ32)',
      '1 Bas Wijnen',
    ]);
    expect(one(el, '.region-button[aria-current="true"]')!.textContent!.trim()).to.equal('Nijmegen');
    await expect(el).to.be.accessible();
  });

  it('municipality="GM0228" preselects Food Valley and names Ede in the panel', async () => {
    const el = await regionMap(await seedFeed(), { municipality: 'GM0228' });
    expect(el.region).to.equal('JZ21');
    expect(region(el, 'JZ21').getAttribute('aria-current')).to.equal('true');
    expect(panelLines(el).slice(0, 3)).to.deep.equal([
      'Food Valley',
      'Ede ligt in CBS-jeugdregio Food Valley (JZ21)',
      '3 Marloes Driedonks',
    ]);
    expect(text(one(el, '.municipalities strong'))).to.equal('Ede');
    // Preselected by the page: the map still shows the whole country.
    expect(text(one(el, '[part="zoom"]'))).to.equal('Inzoomen op Food Valley');
    await expect(el).to.be.accessible();
  });

  it('takes a name as well as a code, and keeps the municipality when its own region is clicked', async () => {
    const el = await regionMap(await seedFeed(), { municipality: 'Den Bosch' });
    expect(panelLines(el)[1]).to.equal("'s-Hertogenbosch ligt in CBS-jeugdregio Noordoost Brabant (JZ33)");
    const chosen = oneEvent(el, 'cop-region-select');
    one(el, '.region-button[data-code="JZ33"]')!.click();
    expect((await chosen).detail).to.deep.equal({
      programmeId: 'cop-jeugdstelsel',
      regionCode: 'JZ33',
      facilitatorId: 'rene',
      municipalityCode: 'GM0796',
      municipalityName: "'s-Hertogenbosch",
    });
    // Another region: the municipality no longer applies.
    one(el, '.region-button[data-code="JZ21"]')!.click();
    await el.updateComplete;
    expect(el.hasAttribute('municipality') && el.getAttribute('municipality')).to.equal('');
    expect(panelLines(el)[1]).to.equal('CBS-jeugdregio Food Valley (JZ21)');
  });

  it('lists the municipalities of JZ32 in its panel', async () => {
    const el = await regionMap(await seedFeed(), { region: 'JZ32' });
    expect(panelLines(el)).to.include('7 gemeenten in deze regio');
    expect(all(el, '.municipalities li').map(text)).to.deep.equal([
      'Berg en Dal',
      'Beuningen',
      'Druten',
      'Heumen',
      'Mook en Middelaar',
      'Nijmegen',
      'Wijchen',
    ]);
  });

  it('names a municipality that does not exist, in Dutch and in English, and shows the rest', async () => {
    const nl = await regionMap(await seedFeed(), { municipality: 'GM9999' });
    expect(all(nl, '[part="notice"]').map(text)).to.deep.equal([
      'De gemeente „GM9999” staat niet in de CBS-indeling van 2025. Zoek uw gemeente of kies uw regio op de kaart.',
    ]);
    expect(all(nl, '.region--covered')).to.have.length(9);
    await expect(nl).to.be.accessible();
    const en = await regionMap(await seedFeed(), { municipality: 'Atlantis', lang: 'en' });
    expect(text(one(en, '[part="notice"]'))).to.equal(
      'The municipality “Atlantis” is not in the CBS division of 2025. ' +
        'Search for your municipality or choose your region on the map.',
    );
  });
});
