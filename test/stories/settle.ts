/** When a story has settled: what the story checker (stories.test.ts) and the visual tests wait for. */
import { waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { FeedState } from '../../src/shared/cop-element.js';
import { WAIT } from '../waits.js';
import type { ComposedStory } from './compose-story.js';

export type Widget = LitElement & { feedState?: FeedState; src?: string };

export const widgetsIn = (canvas: HTMLElement) =>
  [...canvas.querySelectorAll<Widget>('*')].filter((el) => el.localName.startsWith('cop-'));

/**
 * Still working: fetching its feed, or showing a loading state once the feed is there (the map
 * drawing, the poll starting). A widget held in its loading state on purpose has no `src`.
 */
export const working = (el: Widget) =>
  !el.hasUpdated ||
  (el.feedState?.status === 'loading' ? Boolean(el.src) : Boolean(el.shadowRoot?.querySelector('.state--loading')));

/** Runs the story in `canvas` on fresh storage; resolves once every widget in it has settled and rendered. */
export async function runSettled(story: ComposedStory, canvas: HTMLElement): Promise<void> {
  localStorage.clear();
  sessionStorage.clear();
  await story.run(canvas);
  await waitUntil(
    () => canvas.childElementCount > 0 && widgetsIn(canvas).every((el) => !working(el)),
    `${story.name} did not settle`,
    WAIT,
  );
  await Promise.all(widgetsIn(canvas).map((el) => el.updateComplete));
}

/** Resolves once nothing in the canvas or the widgets' shadow roots changed for `quietMs` (at most `maxMs`). */
export function quiet(canvas: HTMLElement, quietMs = 80, maxMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    let timer = setTimeout(done, quietMs);
    const giveUp = setTimeout(done, maxMs);
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    for (const root of [canvas, ...widgetsIn(canvas).flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))]) {
      observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(giveUp);
      resolve();
    }
  });
}
