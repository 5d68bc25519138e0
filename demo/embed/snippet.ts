/**
 * The code a webmaster copies from the builder: the versioned script from the server's CDN
 * folder, the theme file if chosen, a `<style>` that reserves the widget's space until the script
 * has run (with custom token values, if any), and the element. And the CSP that page needs.
 */
import { contentSecurityPolicy, type WidgetTag } from '../../src/core/embed-policy.js';

export type ThemeChoice = 'default' | 'dark' | 'nl-design-system' | 'custom';

export interface Choice {
  /** The server's origin: the bundle, the feed and the API are all there. */
  server: string;
  version: string;
  programmeId: string;
  tag: WidgetTag;
  /** The element's attributes, in order; empty values are left out. */
  attributes: [string, string][];
  theme: ThemeChoice;
  /** `--cop-*` token values for the custom theme. */
  tokens: Record<string, string>;
}

const escapeAttribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** A token value that cannot end the declaration or the style element it sits in. */
export const safeTokenValue = (value: string) => /^[^;{}<>\\]*$/.test(value) && !/\/\*|\*\//.test(value);

export const themeFile = (choice: Pick<Choice, 'server' | 'version' | 'theme'>) =>
  choice.theme === 'dark' || choice.theme === 'nl-design-system'
    ? `${choice.server}/cdn/themes/${choice.theme}.${choice.version}.css`
    : undefined;

export const scriptUrl = (choice: Pick<Choice, 'server' | 'version'>) =>
  `${choice.server}/cdn/cop-widgets.${choice.version}.js`;

export const feedUrl = (choice: Pick<Choice, 'server' | 'programmeId'>) =>
  `${choice.server}/api/programmes/${encodeURIComponent(choice.programmeId)}/feed`;

/** The text of the snippet's `<style>` element: its CSP hash is taken over exactly this. */
export function styleText(choice: Choice): string {
  const tokens = Object.entries(choice.tokens).filter(([, value]) => value.trim() && safeTokenValue(value));
  const custom =
    choice.theme === 'custom' && tokens.length
      ? `\n  ${choice.tag} {\n${tokens.map(([name, value]) => `    ${name}: ${value.trim()};`).join('\n')}\n  }`
      : '';
  return `\n  ${choice.tag}:not(:defined) {\n    display: block;\n    min-block-size: 6rem;\n  }${custom}\n`;
}

export function snippet(choice: Choice): string {
  const attributes = [['src', feedUrl(choice)], ...choice.attributes]
    .filter(([, value]) => value !== '')
    .map(([name, value]) => (value === 'true' ? ` ${name}` : ` ${name}="${escapeAttribute(value!)}"`))
    .join('');
  const theme = themeFile(choice);
  return [
    `<script type="module" src="${scriptUrl(choice)}"></script>`,
    ...(theme ? [`<link rel="stylesheet" href="${theme}" />`] : []),
    `<style>${styleText(choice)}</style>`,
    `<${choice.tag}${attributes}></${choice.tag}>`,
  ].join('\n');
}

/** SHA-256 of `text` in base64, as CSP hash sources have it; undefined where the page is not a secure context. */
export async function sha256(text: string): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** The policy for a page with this snippet: see src/core/embed-policy.ts. */
export async function policy(choice: Choice): Promise<string> {
  return contentSecurityPolicy([choice.tag], choice.server, {
    ...(themeFile(choice) ? { themeOrigin: choice.server } : {}),
    ...((await sha256(styleText(choice))) ? { inlineStyleHash: (await sha256(styleText(choice)))! } : {}),
  });
}
