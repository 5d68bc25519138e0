/**
 * Every story in stories/**, opened in Chromium as Storybook would show it: it must render,
 * settle (feeds loaded, map drawn, poll started, play function done), pass axe, and log no
 * console error and throw nothing. The test server lists the stories files from disk, so a new
 * one is checked without being named here.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { FeedState } from '../../src/shared/cop-element.js';
import { composeStories, type ComposedStory } from './compose-story.js';

type Widget = LitElement & { feedState?: FeedState; src?: string };

const { files, preview } = (await (await fetch('/__stories__/index.json')).json()) as { files: string[]; preview: string };
/** Each stories file, or why it could not be imported: one broken file must not hide the others. */
const modules = await Promise.all(
  files.map((file) =>
    import(`/stories/${file}`).then(
      (module: Record<string, unknown>) => ({ file, module, failure: undefined }),
      (failure: unknown) => ({ file, module: {}, failure }),
    ),
  ),
);
const stories: ComposedStory[] = modules.flatMap(({ file, module, failure }) =>
  failure
    ? [{ name: `${file} (does not load)`, run: () => Promise.reject(failure instanceof Error ? failure : new Error(String(failure))) }]
    : composeStories(file, module),
);

/** Console errors and uncaught errors while a story runs. */
const errors: string[] = [];
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  errors.push(args.map(String).join(' '));
  consoleError(...args);
};
window.addEventListener('error', (event) => errors.push(`uncaught: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${String(event.reason)}`));

const widgetsIn = (canvas: HTMLElement) => [...canvas.querySelectorAll<Widget>('*')].filter((el) => el.localName.startsWith('cop-'));

/**
 * Still working: fetching its feed, or showing a loading state once the feed is there (the map
 * drawing, the poll starting). A widget held in its loading state on purpose has no `src`.
 */
const working = (el: Widget) =>
  !el.hasUpdated || (el.feedState?.status === 'loading' ? Boolean(el.src) : Boolean(el.shadowRoot?.querySelector('.state--loading')));

/** Resolves once nothing in the canvas or the widgets' shadow roots changed for `quietMs` (at most `maxMs`). */
function quiet(canvas: HTMLElement, quietMs = 80, maxMs = 2000): Promise<void> {
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

describe('every story', function () {
  this.timeout(20_000);

  it('finds every stories file, each with stories, and no project-wide annotation the checker would skip', () => {
    expect(files).to.include.members(['enrolment-form.stories.ts', 'foundation.stories.ts', 'principle-poll.stories.ts', 'region-map.stories.ts', 'session-calendar.stories.ts']);
    for (const { file, module, failure } of modules) if (!failure) expect(composeStories(file, module).length, file).to.be.greaterThan(0);
    // .storybook/preview.ts may set parameters and tags; decorators, loaders or a render there
    // would change every story, and compose-story.ts would have to apply them too.
    expect(preview).to.not.match(/\b(decorators|loaders|render|beforeEach|beforeAll|argTypesEnhancers|argsEnhancers)\b/);
  });

  for (const story of stories) {
    it(story.name, async () => {
      localStorage.clear();
      sessionStorage.clear();
      errors.length = 0;
      const canvas = document.createElement('div');
      document.body.append(canvas);
      try {
        await story.run(canvas);
        await waitUntil(() => canvas.childElementCount > 0 && widgetsIn(canvas).every((el) => !working(el)), `${story.name} did not settle`, { timeout: 10_000 });
        await Promise.all(widgetsIn(canvas).map((el) => el.updateComplete));
        await quiet(canvas);
        await expect(canvas).to.be.accessible();
        expect(errors, 'console errors and uncaught errors').to.deep.equal([]);
      } finally {
        canvas.remove();
      }
    });
  }
});
