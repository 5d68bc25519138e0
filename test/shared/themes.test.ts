import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { CONTRAST_PAIRS, contrastRatio } from '../../scripts/contrast.js';
import { EVERY_WIDGET as WIDGETS } from '../every-widget.js';
import { WAIT } from '../waits.js';

/**
 * The theme files in themes/ as a partner loads them: each one reaches inside every widget's
 * shadow root, and the dark theme keeps every widget accessible (axe, including contrast).
 */

const themeCss = new Map<string, string>();

/** Adds a theme file to the page as a partner's <link> would; returns how to take it away. */
async function loadTheme(name: 'default' | 'dark' | 'nl-design-system'): Promise<() => void> {
  if (!themeCss.has(name)) themeCss.set(name, await (await fetch(`/themes/${name}.css`)).text());
  const style = document.createElement('style');
  style.textContent = themeCss.get(name)!;
  document.head.append(style);
  return () => style.remove();
}

async function place(widget: (typeof WIDGETS)[number], wrapper: (content: TemplateResult) => TemplateResult) {
  const box = await fixture<HTMLElement>(wrapper(widget.render()));
  const el = box.querySelector<HTMLElement>(widget.tag)!;
  await waitUntil(() => el.shadowRoot?.querySelector(widget.ready), `${widget.tag} did not render`, WAIT);
  return el;
}

/** What the visitor sees: the computed style of the widget's outer box inside its shadow root. */
const inside = (el: HTMLElement) => getComputedStyle(el.shadowRoot!.querySelector('[part="base"], .state')!);
const token = (el: HTMLElement, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('theme files', () => {
  for (const widget of WIDGETS) {
    describe(`<${widget.tag}>`, () => {
      it('default.css sets exactly the built-in look, light and dark', async () => {
        for (const scheme of ['light', 'dark']) {
          const el = await place(widget, (content) => html`<div style="color-scheme: ${scheme}">${content}</div>`);
          const before = {
            color: inside(el).color,
            font: inside(el).fontFamily,
            primary: token(el, '--_color-primary'),
          };
          const remove = await loadTheme('default');
          await frame();
          expect({ color: inside(el).color, font: inside(el).fontFamily }).to.deep.equal({
            color: before.color,
            font: before.font,
          });
          expect(token(el, '--_color-primary')).to.equal('light-dark(#01689b, #8fcdf0)');
          expect(before.primary).to.equal('light-dark(#01689b, #8fcdf0)');
          remove();
        }
      });

      it('dark.css turns it dark inside its shadow root, with AA contrast and no axe violation', async () => {
        const remove = await loadTheme('dark');
        try {
          // A dark partner page: dark.css colours the widgets, the page its own background.
          const el = await place(
            widget,
            (content) => html`<div style="background: #1b1b1b; padding: 1rem">${content}</div>`,
          );
          expect(inside(el).color).to.equal('rgb(242, 242, 242)');
          expect(getComputedStyle(el).colorScheme).to.equal('dark');
          const colour = (name: string) =>
            token(el, name.startsWith('region-map') ? `--cop-${name}` : `--_color-${name}`);
          for (const pair of CONTRAST_PAIRS) {
            const ratio = contrastRatio(colour(pair.foreground), colour(pair.background));
            expect(ratio, `${pair.what}: ${ratio.toFixed(2)}:1`).to.be.at.least(pair.minimum);
          }
          if (widget.tag === 'cop-region-map') {
            // Marloes (third facilitator) covers the chosen FoodValley region: its fill is the dark theme's.
            expect(getComputedStyle(el.shadowRoot!.querySelector('.region--covered.colour-3')!).fill).to.equal(
              'rgb(46, 196, 160)',
            );
          }
          await expect(el).to.be.accessible();
        } finally {
          remove();
        }
      });

      it('nl-design-system.css takes the page’s NL Design System tokens', async () => {
        const remove = await loadTheme('nl-design-system');
        try {
          const el = await place(
            widget,
            (content) => html`<div
              class="voorbeeld-theme"
              style="--utrecht-document-font-family: Georgia, serif; --utrecht-document-color: #2b0a3d; --nl-button-primary-background-color: #6a0f5a; --nl-button-primary-color: #ffffff; --basis-focus-outline-color: #0b0c0c"
            >
              ${content}
            </div>`,
          );
          expect(inside(el).fontFamily).to.equal('Georgia, serif');
          expect(inside(el).color).to.equal('rgb(43, 10, 61)');
          expect(token(el, '--_color-primary')).to.equal('#6a0f5a');
          expect(token(el, '--_color-focus')).to.equal('#0b0c0c');
          // Tokens the NLDS theme leaves out keep the cop-widgets default.
          expect(token(el, '--_color-danger')).to.equal('light-dark(#b01c1c, #ff9c9c)');
        } finally {
          remove();
        }
      });
    });
  }
});

describe('the heading tokens (--cop-heading-*)', () => {
  for (const widget of WIDGETS)
    it(`<${widget.tag}>: every heading a screen reader lists takes the partner's heading font, weight, line height and colour`, async () => {
      const el = await place(
        widget,
        (content) =>
          html`<div
            style="--cop-heading-font-family: Georgia, serif; --cop-heading-font-weight: 600; --cop-heading-line-height: 1.1; --cop-heading-color: rgb(120, 20, 60)"
          >
            ${content}
          </div>`,
      );
      const headings = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="heading"]')];
      expect(headings.length, 'headings on its first view').to.be.above(0);
      for (const heading of headings) {
        const style = getComputedStyle(heading);
        expect(
          { font: style.fontFamily, weight: style.fontWeight, color: style.color },
          heading.textContent!.trim(),
        ).to.deep.equal({ font: 'Georgia, serif', weight: '600', color: 'rgb(120, 20, 60)' });
        expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize)).to.be.closeTo(1.1, 0.01);
      }
    });
});
