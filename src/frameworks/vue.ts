/**
 * Typings for Vue 3 templates (read by Vue's language tools, vue-tsc and the editor):
 * `import type {} from 'cop-widgets/vue'` once, and `<cop-session-calendar :feed="feed"
 * view="month" @cop-session-select="…">` is type-checked. Vue itself must also be told that
 * `cop-*` tags are custom elements: `isCustomElement: (tag) => tag.startsWith('cop-')` in the
 * template compiler options (see docs/embed.md). Follows the pattern in Vue's guide
 * ("Web Components and TypeScript").
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { CopElementClasses, CopElementEventNames, CopElementProps, CopEvent, CopTagName } from './elements.js';

export type { CopElementProps, CopElementEventNames, CopEvent, CopTagName } from './elements.js';

/** A cop-widgets element as Vue's template checker sees a component: its props and its events. */
export type CopVueElement<T extends CopTagName> = new () => CopElementClasses[T] & {
  /** @deprecated For template type-checking only: not a property of the element. */
  $props: Omit<HTMLAttributes, keyof CopElementProps[T]> & CopElementProps[T] & PublicProps;
  /** @deprecated For template type-checking only: not a property of the element. */
  $emit: EmitFn<{ [K in CopElementEventNames[T]]: (event: CopEvent<K>) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'cop-session-calendar': CopVueElement<'cop-session-calendar'>;
    'cop-enrolment-form': CopVueElement<'cop-enrolment-form'>;
    'cop-region-map': CopVueElement<'cop-region-map'>;
    'cop-principle-poll': CopVueElement<'cop-principle-poll'>;
  }
}
