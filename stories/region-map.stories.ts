import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/region-map/region-map.js';
import { chooseRegion, searchRegion } from './support/play.js';

interface Args {
  src: string;
  lang: 'nl' | 'en';
  view: 'map' | 'list';
  region: string;
  municipality: string;
  feed?: object;
}

/**
 * Which facilitator covers which CBS youth-care region. The region geometry (Bron: CBS, PDOK)
 * is a separate chunk, loaded only when a map is on the page.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Region map',
  component: 'cop-region-map',
  args: { src: 'feeds/cop-jeugdstelsel.json', lang: 'nl', view: 'map', region: '', municipality: '' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['nl', 'en'] },
    view: { control: 'inline-radio', options: ['map', 'list'] },
  },
  render: (args) => html`<cop-region-map
    src=${args.feed ? nothing : args.src}
    .feed=${args.feed}
    lang=${args.lang}
    view=${args.view}
    region=${args.region}
    municipality=${args.municipality}
  ></cop-region-map>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The seed programme: Bas (Nijmegen, Almere, Zuid Kennemerland), René (Holland Rijnland, Zaanstad, Meierij) and Marloes (Food Valley, JZNL, Krimpenerwaard). */
export const ThreeFacilitators: Story = {};

/** `region="JZ21"`: Food Valley chosen when the page opens. */
export const Preselected: Story = { args: { region: 'JZ21' } };

export const InEnglish: Story = { args: { lang: 'en', region: 'JZ33' } };

/** The facilitators and their regions with all contact details; arrow keys move between the regions. */
export const ListView: Story = { args: { view: 'list' } };

/** The search box finds a region by CBS name, the feed's label or its code; Enter or a click chooses it. */
export const Search: Story = { play: ({ canvasElement }) => searchRegion(canvasElement, 'holland') };

/**
 * Visitors know their municipality: the search finds all 342 of 2025, forgiving case, accents and
 * apostrophes, and the names people use ("den bosch" finds 's-Hertogenbosch).
 */
export const SearchMunicipality: Story = { play: ({ canvasElement }) => searchRegion(canvasElement, 'den bosch') };

/** A search that finds nothing says so (and screen readers hear the count). */
export const SearchWithoutResults: Story = { play: ({ canvasElement }) => searchRegion(canvasElement, 'Atlantis') };

/** `municipality="GM0228"` (or `"Ede"`): its region chosen, the municipality named in the panel. */
export const MunicipalityPreselected: Story = { args: { municipality: 'GM0228' } };

/** A municipality that is not in the CBS division of 2025 gets a notice; the map works as always. */
export const UnknownMunicipality: Story = { args: { municipality: 'GM9999' } };

/** The feed calls JZ08 "Almere", after a town: the panel says which official region that is. */
export const TownLabel: Story = { args: { region: 'JZ08' } };

/** A chosen region: the map zooms to it; "Hele land tonen" in the panel (or Escape) goes back. */
export const Zoomed: Story = { play: ({ canvasElement }) => chooseRegion(canvasElement, 'JZ11') };

const programme = (facilitators: object[], regions: object[] = []) => ({
  version: 1,
  programme: {
    id: 'cop-jeugdstelsel',
    title: 'CoP Knelpunten wetten jeugdstelsel',
    organiser: "NJi en 'Met Andere Ogen'",
    contact: { name: 'Bas Wijnen', email: 'cop-jeugdstelsel@example.org' },
    timeZone: 'Europe/Amsterdam',
  },
  sessions: [],
  facilitators,
  regions,
});

const marloes = {
  id: 'marloes',
  name: 'Marloes Driedonks',
  organisation: 'NJi',
  email: 'm.driedonks@example.org',
  phone: '+31 30 000 00 00',
  regions: ['JZ21', 'JZ37', 'JZ27'],
};
const labels = [
  { code: 'JZ21', label: 'Food Valley' },
  { code: 'JZ37', label: 'JZNL' },
  { code: 'JZ27', label: 'Krimpenerwaard' },
];

export const OneFacilitator: Story = { args: { feed: programme([marloes], labels) } };

/** CoP Monitoring names its facilitators but no regions: a plain map to find one's region. */
export const NoFacilitators: Story = { args: { src: 'feeds/cop-monitoring.json' } };

/** JZ40 does not exist (CBS retired it): the map says so and shows the rest. */
export const UnknownRegionCode: Story = {
  args: { feed: programme([{ ...marloes, regions: ['JZ21', 'JZ40', 'JZ27'] }], labels) },
};

/** Partner colours per facilitator through `--cop-region-map-color-1` … `-8`. */
export const ThemedColours: Story = {
  decorators: [
    (story) =>
      html`<div style="--cop-region-map-color-1: #154273; --cop-region-map-color-2: #ca005d; --cop-region-map-color-3: #39870c">${story()}</div>`,
  ],
};

/** 320 px wide: map, panel and list under one another. */
export const Narrow: Story = {
  args: { region: 'JZ11' },
  decorators: [(story) => html`<div style="max-width: 320px">${story()}</div>`],
};

/** A partner's 640 px column (demo/regioportaal.html): map and panel side by side, the legend under both. */
export const PartnerColumn: Story = {
  args: { region: 'JZ21' },
  decorators: [(story) => html`<div style="max-width: 640px">${story()}</div>`],
};

const everyRegion = Array.from({ length: 43 }, (_, i) => `JZ${String(i + 1).padStart(2, '0')}`).filter(
  (code) => code !== 'JZ40',
);

/**
 * Eight facilitators who cover all 42 regions, at 320 px: badges in the crowded west are moved
 * apart, each with a line back to its region.
 */
export const EveryRegionNarrow: Story = {
  args: {
    feed: programme(
      Array.from({ length: 8 }, (_, i) => ({
        id: `begeleider-${i + 1}`,
        name: `Begeleider ${i + 1}`,
        email: `begeleider.${i + 1}@example.org`,
        regions: everyRegion.filter((_, index) => index % 8 === i),
      })),
    ),
  },
  decorators: [(story) => html`<div style="max-width: 320px">${story()}</div>`],
};

/** On a page that opts into dark mode (`color-scheme: dark`). */
export const DarkPage: Story = {
  args: { region: 'JZ33' },
  decorators: [(story) => html`<div style="color-scheme: dark; background: #121212; padding: 1rem">${story()}</div>`],
};

export const Loading: Story = {
  render: (args) => html`<cop-region-map lang=${args.lang} .feedState=${{ status: 'loading' }}></cop-region-map>`,
};

export const FeedUnreachable: Story = { args: { src: 'feeds/bestaat-niet.json' } };
