/**
 * Visual regression tests: every story at a phone's and a desktop's width in Chromium, each
 * screenshot (the story's own box, as Storybook's padded canvas shows it) compared with its
 * baseline in test/visual/baselines/<width>/<story-id>.png (scripts/visual-compare.mjs).
 * `npm run test:visual` runs them; `npm run test:visual:update` writes the baselines after an
 * intended change (look at the new images in the diff before committing them).
 *
 * So that only the widgets can change a screenshot, never the machine: one font for all text,
 * DejaVu Sans from npm (dejavu-fonts-ttf; it has every character the widgets show, so nothing
 * falls back to a system font), a fixed clock, reduced motion, no animations and no caret.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import { composeStories, type ComposedStory } from '../stories/compose-story.js';
import { quiet, runSettled, widgetsIn } from '../stories/settle.js';

export const WIDTHS = [390, 1280] as const;
/** "Now" for every story that does not set its own: 10 January 2027, before the demo programmes. */
export const CLOCK = Date.parse('2027-01-10T12:00:00+01:00');

const FONT_FILES = '/node_modules/dejavu-fonts-ttf/ttf';
const FONT = 'Visual Test Sans';

/** One font for everything, in the page and in every shadow root; nothing moves or blinks. */
const STEADY = `
  *, *::before, *::after {
    font-family: '${FONT}' !important;
    caret-color: transparent !important;
    animation: none !important;
    transition: none !important;
    scroll-behavior: auto !important;
  }
`;

const steady = new CSSStyleSheet();
steady.replaceSync(STEADY);

async function preparePage(): Promise<void> {
  const faces = [
    ['DejaVuSans.ttf', 'normal', 'normal'],
    ['DejaVuSans-Bold.ttf', 'bold', 'normal'],
    ['DejaVuSans-Oblique.ttf', 'normal', 'italic'],
    ['DejaVuSans-BoldOblique.ttf', 'bold', 'italic'],
  ] as const;
  for (const [file, weight, style] of faces) {
    const face = new FontFace(FONT, `url(${FONT_FILES}/${file})`, { weight, style });
    document.fonts.add(face);
    await face.load();
  }
  const page = new CSSStyleSheet();
  // The widgets' font tokens too, from the start, so whatever a widget measures (the map's labels)
  // is measured in the test font, also where a story sets a font of its own.
  page.replaceSync(`${STEADY}
    * { --cop-font-family: '${FONT}' !important; --cop-heading-font-family: '${FONT}' !important; }
    html, body { margin: 0; background: #ffffff; }
    #visual-canvas { display: flow-root; padding: 1rem; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, page];
  Date.now = () => CLOCK;
  // The enrolment form waits until it has been shown for 2 s before it sends (people take longer,
  // bots do not): in these tests its stopwatch runs a thousand times as fast.
  const elapsed = performance.now.bind(performance);
  performance.now = () => elapsed() * 1000;
  await emulateMedia({ reducedMotion: 'reduce' });
}

/** Settled, and the same size twice running: a part that loads after the rest (a presenter's results) is in. */
async function steadySize(canvas: HTMLElement): Promise<void> {
  // The poll stories' mock server answers the presenter after 300 ms (stories/support/mock-poll-server.ts),
  // and the map fits itself to its box once laid out: a shorter quiet spell can end before either.
  const slow = widgetsIn(canvas).some(
    (el) => el.localName === 'cop-principle-poll' || el.localName === 'cop-region-map',
  );
  const spell = slow ? 400 : 80;
  let size = '';
  for (let round = 0; round < 10; round += 1) {
    await quiet(canvas, spell);
    await new Promise(requestAnimationFrame);
    const { width, height } = canvas.getBoundingClientRect();
    if (`${width}×${height}` === size) return;
    size = `${width}×${height}`;
  }
}

/** Every shadow root in the canvas, nested ones too. */
function shadowRoots(root: ParentNode): ShadowRoot[] {
  return [...root.querySelectorAll('*')].flatMap((el) =>
    el.shadowRoot ? [el.shadowRoot, ...shadowRoots(el.shadowRoot)] : [],
  );
}

type Result = { passed: boolean; message?: string } | undefined;

/** Renders the story on its own in a fresh canvas, lets it settle and compares its screenshot. */
async function snapshot(story: ComposedStory, name: string): Promise<Result> {
  window.scrollTo(0, 0);
  const canvas = document.createElement('div');
  canvas.id = 'visual-canvas';
  document.body.append(canvas);
  try {
    await runSettled(story, canvas);
    for (const root of shadowRoots(canvas))
      if (!root.adoptedStyleSheets.includes(steady)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, steady];
    await steadySize(canvas);
    await document.fonts.ready;
    return await executeServerCommand<Result, object>('visual-snapshot', { name, selector: '#visual-canvas' });
  } finally {
    canvas.remove();
  }
}

/** Screenshots of every story in `stories/<file>` at each width, compared with their baselines. */
export async function visualTests(file: string, only?: RegExp): Promise<void> {
  const stories = composeStories(file, (await import(`/stories/${file}`)) as Record<string, unknown>).filter(
    (story) => !only || only.test(story.id),
  );
  describe(`${file} as it looks`, function () {
    this.timeout(60_000);
    before(preparePage);

    for (const width of WIDTHS) {
      describe(`at ${width} px`, () => {
        before(() => setViewport({ width, height: 900 }));

        for (const story of stories) {
          it(story.id, async () => {
            let result = await snapshot(story, `${width}/${story.id}`);
            // A story whose server mock or stream answered late gets one more go; twice wrong is wrong.
            if (!result?.passed) result = await snapshot(story, `${width}/${story.id}`);
            expect(result?.passed, result?.message).to.equal(true);
          });
        }
      });
    }
  });
}
