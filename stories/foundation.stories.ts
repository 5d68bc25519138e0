import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../demo/support/feed-preview.js';

/**
 * The states every cop-widgets element shares, shown on a minimal element built on the base
 * class. The widgets' own stories show these states in context.
 */
const meta: Meta = {
  title: 'Foundation/Shared states',
  component: 'cop-feed-preview',
  args: { lang: 'nl' },
  argTypes: { lang: { control: 'inline-radio', options: ['nl', 'en'] } },
  render: (args) => html`<cop-feed-preview lang=${args.lang} src=${args.src}></cop-feed-preview>`,
};
export default meta;

type Story = StoryObj<{ lang: string; src: string }>;

export const Loaded: Story = { args: { src: 'feeds/cop-monitoring.json' } };

export const LoadedInEnglish: Story = { args: { src: 'feeds/cop-monitoring.json', lang: 'en' } };

/** A feed that never arrives: the reserved space keeps the page from jumping. */
export const Loading: Story = {
  render: (args) => html`<cop-feed-preview lang=${args.lang} .feedState=${{ status: 'loading' }}></cop-feed-preview>`,
};

const brokenFeed = {
  version: 1,
  programme: {
    id: 'kapot',
    title: 'Kapotte feed',
    organiser: 'NJi',
    contact: { name: 'X', email: 'geen-adres' },
    timeZone: 'Europe/Amsterdam',
  },
  sessions: [
    {
      id: 's1',
      title: 'Bijeenkomst',
      start: '2020-03-02T17:00:00+01:00',
      end: '2020-03-02T13:00:00+01:00',
      location: null,
    },
  ],
};

/** An invalid feed names each field and what is wrong with it. */
export const InvalidFeed: Story = {
  render: (args) => html`<cop-feed-preview lang=${args.lang} .feed=${brokenFeed}></cop-feed-preview>`,
};

/** The feed cannot be fetched: the reason, and a way to try again. */
export const FeedNotFound: Story = { args: { src: 'feeds/bestaat-niet.json' } };

export const NoSessions: Story = {
  render: (args) =>
    html`<cop-feed-preview lang=${args.lang} .feed=${{ ...brokenFeed, programme: { ...brokenFeed.programme, contact: { name: 'X', email: 'x@example.org' } }, sessions: [] }}></cop-feed-preview>`,
};
