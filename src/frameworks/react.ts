/**
 * JSX typings for React 19, which sets properties and listens to custom events on custom
 * elements itself. `import type {} from 'cop-widgets/react'` once (e.g. in main.tsx) and
 * `<cop-session-calendar src="…" view="month" oncop-session-select={…}>` is type-checked:
 * properties by name (`feed`, `headingLevel`), attributes by name (`heading-level`) and each
 * event as `on` + its name. Register the tags before React renders them (import
 * 'cop-widgets/session-calendar' etc.), so React sees the properties and sets `feed` as an object.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CopElementClasses, CopElementEventNames, CopElementProps, CopEvent, CopTagName } from './elements.js';

export type { CopElementProps, CopElementEventNames, CopEvent, CopTagName } from './elements.js';

/** `oncop-session-select={(event) => event.detail.sessionId}`: React 19 listens to the event by that name. */
export type CopReactEventProps<T extends CopTagName> = {
  [K in CopElementEventNames[T] as `on${K}`]?: (event: CopEvent<K>) => void;
};

/** Everything a `<cop-…>` element takes in JSX: React's own props (key, ref, className, …), ours, our events. */
export type CopReactProps<T extends CopTagName> = Omit<
  DetailedHTMLProps<HTMLAttributes<CopElementClasses[T]>, CopElementClasses[T]>,
  keyof CopElementProps[T]
> &
  CopElementProps[T] &
  CopReactEventProps<T>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'cop-session-calendar': CopReactProps<'cop-session-calendar'>;
      'cop-enrolment-form': CopReactProps<'cop-enrolment-form'>;
      'cop-region-map': CopReactProps<'cop-region-map'>;
      'cop-principle-poll': CopReactProps<'cop-principle-poll'>;
    }
  }
}
