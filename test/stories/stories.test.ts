/**
 * Every story in stories/**, opened in Chromium as Storybook would show it: it must render,
 * settle (feeds loaded, map drawn, poll started, play function done), pass axe, and log no
 * console error and throw nothing. The test server lists the stories files from disk, so a new
 * one is checked without being named here.
 */
import { expect } from '@open-wc/testing';
import { composeStories, type ComposedStory } from './compose-story.js';
import { quiet, runSettled } from './settle.js';

const { files, preview } = (await (await fetch('/__stories__/index.json')).json()) as {
  files: string[];
  preview: string;
};
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
    ? [
        {
          name: `${file} (does not load)`,
          id: file,
          run: () => Promise.reject(failure instanceof Error ? failure : new Error(String(failure))),
        },
      ]
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

describe('every story', function () {
  // Each story renders, settles and runs axe: seconds on an idle machine, many more under load.
  this.timeout(60_000);

  it('finds every stories file, each with stories, and no project-wide annotation the checker would skip', () => {
    expect(files).to.include.members([
      'enrolment-form.stories.ts',
      'foundation.stories.ts',
      'principle-poll.stories.ts',
      'region-map.stories.ts',
      'session-calendar.stories.ts',
    ]);
    for (const { file, module, failure } of modules)
      if (!failure) expect(composeStories(file, module).length, file).to.be.greaterThan(0);
    // .storybook/preview.ts may set parameters and tags; decorators, loaders or a render there
    // would change every story, and compose-story.ts would have to apply them too.
    expect(preview).to.not.match(
      /\b(decorators|loaders|render|beforeEach|beforeAll|argTypesEnhancers|argsEnhancers)\b/,
    );
  });

  for (const story of stories) {
    it(story.name, async () => {
      errors.length = 0;
      const canvas = document.createElement('div');
      document.body.append(canvas);
      try {
        await runSettled(story, canvas);
        await quiet(canvas);
        await expect(canvas).to.be.accessible();
        expect(errors, 'console errors and uncaught errors').to.deep.equal([]);
      } finally {
        canvas.remove();
      }
    });
  }
});
