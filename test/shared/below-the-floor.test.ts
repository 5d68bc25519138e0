import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { EVERY_WIDGET as WIDGETS } from '../every-widget.js';
import { WAIT } from '../waits.js';
import { isWebKit } from '../viewport.js';

/**
 * Browsers without light-dark() (Chrome and Edge before 123, Firefox before 120, Safari before
 * 17.5: part of the floor in .browserslistrc) must still show every colour and the focus ring.
 *
 * Every engine we test in has light-dark(), so we show each widget as such a browser would: its
 * style sheets (and default.css) are parsed again with `light-dark(` renamed to a function no
 * browser knows. That is exactly what an older browser sees: the unknown function is kept in a
 * custom property and makes the property that uses it invalid (a transparent button, no border,
 * no focus ring), and `@supports (color: light-dark(…))` is false. The widget must then look as
 * it does in light mode today, property for property.
 */

/** What a browser without light-dark() makes of a style sheet. */
const withoutLightDark = (cssText: string) => cssText.replaceAll('light-dark(', 'cop-unknown-function(');

const sheetText = (sheet: CSSStyleSheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n');

/** Parses the widget's style sheets again as a browser without light-dark() would; returns the count of light-dark() it took out. */
function showWithoutLightDark(el: HTMLElement): number {
  const root = el.shadowRoot!;
  let found = 0;
  root.adoptedStyleSheets = root.adoptedStyleSheets.map((sheet) => {
    const text = sheetText(sheet);
    found += text.split('light-dark(').length - 1;
    const older = new CSSStyleSheet();
    older.replaceSync(withoutLightDark(text));
    return older;
  });
  return found;
}

/** Every colour a visitor sees, element by element, in the shadow root. */
const COLOUR_PROPERTIES = [
  'color',
  'background-color',
  'border-top-color',
  'border-right-color',
  'border-bottom-color',
  'border-left-color',
  'outline-color',
  'outline-style',
  'box-shadow',
  'fill',
  'stroke',
  'text-decoration-color',
] as const;

function colours(el: HTMLElement): Record<string, string>[] {
  return [el, ...el.shadowRoot!.querySelectorAll('*')].map((node) => {
    const style = getComputedStyle(node);
    const label =
      node === el ? el.localName : `${node.localName}${node.id ? `#${node.id}` : ''}.${[...node.classList].join('.')}`;
    return Object.fromEntries([
      ['element', label],
      ...COLOUR_PROPERTIES.map((name) => [name, style.getPropertyValue(name)]),
    ]);
  });
}

async function place(widget: (typeof WIDGETS)[number], scheme: 'light' | 'dark') {
  const box = await fixture<HTMLElement>(html`<div style="color-scheme: ${scheme}">${widget.render()}</div>`);
  const el = box.querySelector<HTMLElement>(widget.tag)!;
  await waitUntil(() => el.shadowRoot?.querySelector(widget.ready), `${widget.tag} did not render`, WAIT);
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return el;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Adds themes/default.css to the page as a partner's <link> would, optionally as an older browser reads it. */
async function defaultTheme(older: boolean): Promise<() => void> {
  const css = await (await fetch('/themes/default.css')).text();
  const style = document.createElement('style');
  style.textContent = older ? withoutLightDark(css) : css;
  document.head.append(style);
  return () => style.remove();
}

/** Tabs from the page into the widget until something in it shows the focus ring. */
async function focusByKeyboard(el: HTMLElement): Promise<Element> {
  const start = document.createElement('button');
  start.textContent = 'before';
  el.before(start);
  start.focus();
  for (let presses = 0; presses < 5 && !el.shadowRoot!.activeElement; presses++) await sendKeys({ press: 'Tab' });
  start.remove();
  const focused = el.shadowRoot!.activeElement;
  expect(focused, 'the keyboard reaches the widget').to.not.equal(null);
  return focused!;
}

describe('in a browser without light-dark()', () => {
  for (const widget of WIDGETS) {
    describe(`<${widget.tag}>`, () => {
      it('shows the light colours, each one as in a browser with light-dark(), also on a dark page', async () => {
        const light = colours(await place(widget, 'light'));
        for (const scheme of ['light', 'dark'] as const) {
          const el = await place(widget, scheme);
          expect(showWithoutLightDark(el), 'light-dark() pairs in the widget').to.be.greaterThan(0);
          await frame();
          expect(colours(el), `${scheme} page`).to.deep.equal(light);
        }
      });

      it('shows the same colours with themes/default.css on the page', async () => {
        const light = colours(await place(widget, 'light'));
        const remove = await defaultTheme(true);
        try {
          const el = await place(widget, 'light');
          showWithoutLightDark(el);
          await frame();
          expect(colours(el)).to.deep.equal(light);
        } finally {
          remove();
        }
      });

      it('shows the two-tone focus ring (WCAG 2.4.7)', async () => {
        const el = await place(widget, 'light');
        showWithoutLightDark(el);
        await frame();
        const focused = await focusByKeyboard(el);
        const style = getComputedStyle(focused);
        expect({ style: style.outlineStyle, colour: style.outlineColor, width: style.outlineWidth }).to.deep.equal({
          style: 'solid',
          colour: 'rgb(27, 27, 27)',
          width: '3px',
        });
        // The yellow halo around it; WebKit draws no box-shadow on a native radio button or
        // checkbox (there the outline alone is the ring, as in a browser with light-dark()).
        const nativeControl =
          focused.matches('input[type="radio"], input[type="checkbox"]') && style.appearance !== 'none';
        if (!(nativeControl && isWebKit)) expect(style.boxShadow).to.contain('rgb(255, 221, 0)');
      });
    });
  }

  it('shows a pressed view switch with its background, and session cards with their borders', async () => {
    const el = await place(WIDGETS[0]!, 'light');
    showWithoutLightDark(el);
    await frame();
    const pressed = getComputedStyle(el.shadowRoot!.querySelector('.switch__option[aria-pressed="true"]')!);
    expect({ background: pressed.backgroundColor, text: pressed.color }).to.deep.equal({
      background: 'rgb(1, 104, 155)',
      text: 'rgb(255, 255, 255)',
    });
    const card = getComputedStyle(el.shadowRoot!.querySelector('[part="session"]')!);
    expect({ style: card.borderTopStyle, colour: card.borderTopColor }).to.deep.equal({
      style: 'solid',
      colour: 'rgb(118, 118, 118)',
    });
  });
});
