/**
 * Builds a story from a CSF module the way Storybook does, without Storybook's runtime (its
 * browser bundles import CommonJS packages the test server cannot serve): args from the meta and
 * the story, loaders (all at once, results merged into `loaded`), decorators (the story's
 * innermost, then the meta's), the story's or the meta's render, and play. Anything else a
 * story could use fails loudly rather than being skipped.
 */
import { render as renderLit, type TemplateResult } from 'lit';

type Args = Record<string, unknown>;
type Context = {
  id: string;
  name: string;
  title: string;
  args: Args;
  argTypes: Record<string, unknown>;
  parameters: Record<string, unknown>;
  globals: Record<string, unknown>;
  loaded: Record<string, unknown>;
  viewMode: 'story';
  canvasElement: HTMLElement;
  step: (label: string, play: () => unknown) => Promise<unknown>;
};
type StoryFn = (update?: Partial<Context>) => unknown;
type Render = (args: Args, context: Context) => unknown;
type Decorator = (story: StoryFn, context: Context) => unknown;
type Loader = (context: Context) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

interface Annotations {
  args?: Args;
  argTypes?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  render?: Render;
  loaders?: Loader | Loader[];
  decorators?: Decorator | Decorator[];
  play?: (context: Context) => unknown;
  name?: string;
  tags?: string[];
}
interface Meta extends Annotations {
  title?: string;
  component?: string;
  includeStories?: string[] | RegExp;
  excludeStories?: string[] | RegExp;
}

/** Keys the composition below honours; a story or meta with any other fails the check. */
const STORY_KEYS = new Set([
  'args',
  'argTypes',
  'parameters',
  'render',
  'loaders',
  'decorators',
  'play',
  'name',
  'storyName',
  'tags',
  'globals',
]);
const META_KEYS = new Set([
  ...STORY_KEYS,
  'title',
  'component',
  'subcomponents',
  'id',
  'includeStories',
  'excludeStories',
]);

export interface ComposedStory {
  /** "Widgets/Region map › Preselected", as Storybook's sidebar names it. */
  name: string;
  /** "widgets-region-map--preselected", Storybook's id (its URL: ?path=/story/<id>). */
  id: string;
  /** Renders the story into `canvas` and runs its play function. */
  run(canvas: HTMLElement): Promise<void>;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const matches = (pattern: string[] | RegExp, key: string) =>
  Array.isArray(pattern) ? pattern.includes(key) : pattern.test(key);

function unsupported(annotations: object, allowed: Set<string>): string[] {
  return Object.keys(annotations).filter((key) => !allowed.has(key));
}

/** As @storybook/web-components renders: a lit template, a node, or a string of HTML. */
function show(result: unknown, canvas: HTMLElement): void {
  if (result instanceof Node) canvas.replaceChildren(result);
  else if (typeof result === 'string') canvas.innerHTML = result;
  else renderLit(result as TemplateResult, canvas);
}

/** Storybook's id part: "Widgets/Region map" → "widgets-region-map", "InEnglish" → "in-english". */
const idPart = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Every story a stories module exports, composed; throws on what the checker cannot honour. */
export function composeStories(file: string, module: Record<string, unknown>): ComposedStory[] {
  const meta = (module.default ?? {}) as Meta;
  const problems = unsupported(meta, META_KEYS);
  if (problems.length)
    throw new Error(
      `${file}: the story checker does not handle meta.${problems.join(', meta.')}; teach it (test/stories/compose-story.ts)`,
    );
  const keys = Object.keys(module).filter(
    (key) =>
      key !== 'default' &&
      key !== '__namedExportsOrder' &&
      (!meta.includeStories || matches(meta.includeStories, key)) &&
      (!meta.excludeStories || !matches(meta.excludeStories, key)),
  );
  return keys.map((key) => {
    const story = module[key] as Annotations | Render;
    const annotations: Annotations = typeof story === 'function' ? { render: story } : story;
    const extra = unsupported(annotations, STORY_KEYS);
    if (extra.length)
      throw new Error(
        `${file} ${key}: the story checker does not handle ${extra.join(', ')}; teach it (test/stories/compose-story.ts)`,
      );
    const title = meta.title ?? file;
    return {
      name: `${title} › ${key}`,
      id: `${idPart(title)}--${idPart(key)}`,
      async run(canvas) {
        const context: Context = {
          id: `${title}--${key}`,
          name: annotations.name ?? key,
          title,
          args: { ...meta.args, ...annotations.args },
          argTypes: { ...meta.argTypes, ...annotations.argTypes },
          parameters: { ...meta.parameters, ...annotations.parameters },
          globals: {},
          loaded: {},
          viewMode: 'story',
          canvasElement: canvas,
          step: async (_label, play) => play(),
        };
        const loaded = await Promise.all(
          [...list(meta.loaders), ...list(annotations.loaders)].map((loader) => loader(context)),
        );
        context.loaded = Object.assign({}, ...loaded);
        const render: Render =
          annotations.render ??
          meta.render ??
          ((args) => {
            if (!meta.component) throw new Error(`${file} ${key}: neither a render function nor a component`);
            return Object.assign(document.createElement(meta.component), args);
          });
        // The first decorator is the innermost, as in Storybook's defaultDecorateStory.
        const decorated = [...list(annotations.decorators), ...list(meta.decorators)].reduce<StoryFn>(
          (inner, decorator) => (update) =>
            decorator((next) => inner({ ...update, ...next }), { ...context, ...update }),
          (update) => render({ ...context.args, ...update?.args }, { ...context, ...update }),
        );
        show(decorated(), canvas);
        await (annotations.play ?? meta.play)?.(context);
      },
    };
  });
}
