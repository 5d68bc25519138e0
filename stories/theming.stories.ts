import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { FeedInput, PollSettings } from '../src/core/schema.js';
import '../src/enrolment-form/enrolment-form.js';
import '../src/principle-poll/principle-poll.js';
import '../src/region-map/region-map.js';
import '../src/session-calendar/session-calendar.js';
import darkTheme from '../themes/dark.css?raw';
import defaultTheme from '../themes/default.css?raw';
import nlDesignSystemTheme from '../themes/nl-design-system.css?raw';
import { mockPoll } from './support/mock-poll-server.js';

/**
 * The theming playground: all four widgets on one page, themed by the global tokens in the
 * controls. Change a colour, the font or the radius and every widget follows, as on a partner's
 * page. The tokens are set on the wrapper around the widgets; "Show code" gives the CSS to copy.
 * The other stories show each theme file in themes/ (see docs/theming.md).
 */

/** Control name → the token it sets. */
const TOKENS = {
  primary: '--cop-color-primary',
  primaryContrast: '--cop-color-primary-contrast',
  text: '--cop-color-text',
  textMuted: '--cop-color-text-muted',
  background: '--cop-color-background',
  surface: '--cop-color-surface',
  border: '--cop-color-border',
  danger: '--cop-color-danger',
  success: '--cop-color-success',
  focus: '--cop-color-focus',
  focusHalo: '--cop-color-focus-halo',
  fontFamily: '--cop-font-family',
  fontSize: '--cop-font-size',
  lineHeight: '--cop-line-height',
  radius: '--cop-radius',
  spaceS: '--cop-space-s',
  spaceM: '--cop-space-m',
  spaceL: '--cop-space-l',
} as const;

type Args = Record<keyof typeof TOKENS, string>;

const color = (description: string) => ({ control: 'color', description, table: { category: 'colour' } }) as const;
const text = (description: string) =>
  ({ control: 'text', description, table: { category: 'type, shape and space' } }) as const;

/** The poll needs a server: the Storybook mock answers, with 50 votes so the bars show. */
async function pollFeed(): Promise<{ pollFeed: object }> {
  const feed = (await (await fetch('feeds/foodvalley-focusagenda.json')).json()) as FeedInput & { poll: PollSettings };
  const poll: PollSettings = { ...feed.poll, showResults: 'always' };
  mockPoll(poll, { votes: { count: 50, means: [3.8, 3.1, 2.4, 3.5, 2.2, 2.9, 3.6, 2.7] } });
  return { pollFeed: { ...feed, poll } };
}

function widgets(pollFeedObject: object | undefined): TemplateResult {
  return html`<div class="theming-grid" lang="nl" style="display: grid; gap: 2rem">
    <cop-session-calendar src="feeds/bindende-afspraken.json" heading-level="3"></cop-session-calendar>
    <cop-enrolment-form src="feeds/bindende-afspraken.json" heading-level="3"></cop-enrolment-form>
    <cop-region-map src="feeds/cop-jeugdstelsel.json" region="JZ21" heading-level="3"></cop-region-map>
    <cop-principle-poll .feed=${pollFeedObject} heading-level="3"></cop-principle-poll>
  </div>`;
}

const meta: Meta<Args> = {
  title: 'Foundation/Theming',
  loaders: [pollFeed],
  args: {
    primary: '#01689b',
    primaryContrast: '#ffffff',
    text: '#1b1b1b',
    textMuted: '#575757',
    background: '#ffffff',
    surface: '#f3f3f3',
    border: '#767676',
    danger: '#b01c1c',
    success: '#2b6e2f',
    focus: '#1b1b1b',
    focusHalo: '#ffdd00',
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    fontSize: '1rem',
    lineHeight: '1.5',
    radius: '0.25rem',
    spaceS: '0.5rem',
    spaceM: '1rem',
    spaceL: '1.5rem',
  },
  argTypes: {
    primary: color('--cop-color-primary: buttons, links, dates, bars. 4.5:1 on the background.'),
    primaryContrast: color('--cop-color-primary-contrast: text on the primary colour. 4.5:1 on it.'),
    text: color('--cop-color-text'),
    textMuted: color('--cop-color-text-muted: secondary text. 4.5:1 on background and surface.'),
    background: color('--cop-color-background: inputs, panels, cards.'),
    surface: color('--cop-color-surface: states, tracks, busy days.'),
    border: color('--cop-color-border: inputs and cards. 3:1 on the background.'),
    danger: color('--cop-color-danger: errors, cancelled sessions, "aandachtspunt".'),
    success: color('--cop-color-success: confirmations, the live dot.'),
    focus: color('--cop-color-focus: the focus ring. 3:1 on the background.'),
    focusHalo: color('--cop-color-focus-halo: the halo around the ring.'),
    fontFamily: text('--cop-font-family'),
    fontSize: text('--cop-font-size: everything scales with it.'),
    lineHeight: text('--cop-line-height'),
    radius: text('--cop-radius'),
    spaceS: text('--cop-space-s'),
    spaceM: text('--cop-space-m'),
    spaceL: text('--cop-space-l'),
  },
  parameters: { layout: 'padded' },
};
export default meta;

type Story = StoryObj<Args>;

/** Change the tokens in the controls: every widget follows at once. */
export const Playground: Story = {
  render: (args, { loaded }) => {
    const style = Object.fromEntries(Object.entries(TOKENS).map(([arg, token]) => [token, args[arg as keyof Args]]));
    return html`<div style=${styleMap({ ...style, background: 'var(--cop-color-background)', padding: '1rem' })}>
      ${widgets((loaded as { pollFeed?: object }).pollFeed)}
    </div>`;
  },
};

/** A theme file, scoped to this story: its `:root` becomes the wrapper (CSS nesting). */
function themed(css: string, scope: string, wrapperStyle: string, pollFeedObject: object | undefined) {
  const scoped = `.${scope} {\n${css.replaceAll(':root', '&')}\n}`;
  // Lit binds nothing inside <style>: the (trusted, bundled) theme file goes in as markup.
  return html`${unsafeHTML(`<style>${scoped}</style>`)}
    <div class=${scope} style=${wrapperStyle}>${widgets(pollFeedObject)}</div>`;
}

const themeStory = (css: string, scope: string, wrapperStyle: string, description: string): Story => ({
  parameters: { controls: { disable: true }, docs: { description: { story: description } } },
  render: (_args, { loaded }) => themed(css, scope, wrapperStyle, (loaded as { pollFeed?: object }).pollFeed),
});

export const DefaultTheme = themeStory(
  defaultTheme,
  'theme-default',
  'padding: 1rem',
  '`themes/default.css`: the built-in values written out, a starting point to copy. Loading it changes nothing.',
);

export const DarkTheme = themeStory(
  darkTheme,
  'theme-dark',
  'padding: 1rem; background: #1b1b1b',
  '`themes/dark.css` on a dark page. Load it always, with `media="(prefers-color-scheme: dark)"`, or switch its `media` from your own light/dark control.',
);

/** The tokens of an example NL Design System theme, as a municipality's theme package sets them. */
const NLDS_EXAMPLE = [
  "--utrecht-document-font-family: Georgia, 'Times New Roman', serif",
  '--utrecht-document-color: #14212b',
  '--utrecht-document-background-color: #ffffff',
  '--utrecht-form-control-border-color: #5c6b73',
  '--nl-button-primary-background-color: #00664f',
  '--nl-button-primary-color: #ffffff',
  '--nl-button-border-radius: 0.5rem',
  '--utrecht-focus-outline-color: #14212b',
  '--utrecht-focus-background-color: #f6c343',
  'padding: 1rem',
].join('; ');

export const NlDesignSystemTheme = themeStory(
  nlDesignSystemTheme,
  'theme-nlds',
  NLDS_EXAMPLE,
  '`themes/nl-design-system.css` inside an example NL Design System theme (its tokens are on the wrapper): the widgets take its font, brand colour, radius and focus style.',
);
