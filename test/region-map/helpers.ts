/** What the region map's tests share: reading the widget as a visitor sees it, and acting on it. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { WAIT } from '../waits.js';
import { nothing } from 'lit';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { FeedInput } from '../../src/core/feed.js';
import '../../src/region-map/region-map.js';
import type { CopRegionMap } from '../../src/region-map/region-map.js';
import { demoFeedUrl } from '../fixtures.js';

export const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const all = (el: CopRegionMap, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
export const one = (el: CopRegionMap, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
export const region = (el: CopRegionMap, code: string) =>
  el.shadowRoot!.querySelector<SVGPathElement>(`svg [data-code="${code}"]`)!;
export const panelLines = (el: CopRegionMap) =>
  [...one(el, '[part="panel"]')!.querySelectorAll('[role="heading"], p')].map(text);
export const focusedLabel = (el: CopRegionMap) =>
  el.shadowRoot!.activeElement?.getAttribute('aria-label') ?? text(el.shadowRoot!.activeElement);
/** What the polite live region says: what a screen reader hears after a choice. */
export const announced = (el: CopRegionMap) => text(one(el, '[role="status"][aria-live]'));

/** The seed programme: Bas, René and Marloes, three regions each (demo/feeds/cop-jeugdstelsel.json). */
export const seedFeed = async (): Promise<FeedInput> =>
  (await fetch(demoFeedUrl('cop-jeugdstelsel'))).json() as Promise<FeedInput>;

/** Waits until the map is drawn at the width of its box, as a visitor sees it. */
export async function drawn(el: CopRegionMap): Promise<SVGSVGElement> {
  const atWidth = () => {
    const svg = el.shadowRoot!.querySelector<SVGSVGElement>('svg.map');
    const box = one(el, '.figure');
    return svg && box && svg.viewBox.baseVal.width === Math.floor(box.getBoundingClientRect().width);
  };
  // Still so a frame later: the box can change once more as the panel fills in.
  for (let frames = 0; frames < 2; frames++) {
    await waitUntil(atWidth, 'the map is drawn at its width', WAIT);
    await new Promise(requestAnimationFrame);
    if (!atWidth()) frames = -1;
  }
  return el.shadowRoot!.querySelector<SVGSVGElement>('svg.map')!;
}

interface Attributes {
  lang?: string;
  region?: string;
  municipality?: string;
}

export async function regionMap(feed: FeedInput | string, attributes: Attributes = {}) {
  const { lang = 'nl', region = '', municipality = '' } = attributes;
  const el = await fixture<CopRegionMap>(
    html`<cop-region-map
      src=${typeof feed === 'string' ? feed : nothing}
      .feed=${typeof feed === 'string' ? undefined : feed}
      lang=${lang}
      region=${region}
      municipality=${municipality}
    ></cop-region-map>`,
  );
  await drawn(el);
  return el;
}

/** A point of the page inside a region's shape where nothing else catches the pointer. */
export function pointIn(el: CopRegionMap, code: string): { x: number; y: number } {
  const path = region(el, code);
  const box = path.getBBox();
  const ctm = path.getScreenCTM()!;
  for (const fy of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      const point = new DOMPoint(box.x + box.width * fx, box.y + box.height * fy);
      const { x, y } = point.matrixTransform(ctm);
      const free = path.isPointInFill(point) && el.shadowRoot!.elementFromPoint(x, y) === path;
      if (free) return { x: Math.round(x), y: Math.round(y) };
    }
  }
  throw new Error(`no free point in ${code}`);
}

/** Presses Tab from the search box until `label` has focus, as a keyboard user would. */
export async function tabTo(el: CopRegionMap, label: string) {
  one(el, 'input')!.focus();
  for (let presses = 0; presses < 20 && focusedLabel(el) !== label; presses++) await sendKeys({ press: 'Tab' });
  expect(focusedLabel(el)).to.equal(label);
  await el.updateComplete;
}

/** The map has reached its view after a zoom: the badges, hidden while it moves, are back. */
export async function settled(el: CopRegionMap) {
  // A zoom starts with the next render: wait for it, or the old, settled map would count.
  await el.updateComplete;
  // Settled for the widget, and for the eye: on a slow machine the widget's fallback timer can
  // end "moving" a frame before the browser has drawn the transition's last step.
  await waitUntil(
    () =>
      one(el, 'svg.map') &&
      !one(el, 'svg.map--moving') &&
      !el.shadowRoot!.getAnimations().some((animation) => animation.playState === 'running'),
    'the map has settled',
    WAIT,
  );
}

/** Clicks a region, and waits for the map to zoom to it. */
export async function click(el: CopRegionMap, code: string) {
  const { x, y } = pointIn(el, code);
  await sendMouse({ type: 'click', position: [x, y] });
  await el.updateComplete;
  await settled(el);
}

/** Types into the search box as a visitor does (after emptying it) and waits for the widget. */
export async function search(el: CopRegionMap, query: string) {
  const input = one(el, '#search') as HTMLInputElement;
  input.focus();
  input.select();
  await sendKeys({ type: query });
  await el.updateComplete;
}
