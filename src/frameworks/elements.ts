/**
 * What a page may set on each cop-widgets tag and which events each fires, for the React and
 * Vue typings (react.ts, vue.ts). Taken from the element classes, so the typings follow them.
 */
import type { CopEnrolmentForm } from '../enrolment-form/enrolment-form.component.js';
import type { CopPrinciplePoll } from '../principle-poll/principle-poll.component.js';
import type { CopRegionMap } from '../region-map/region-map.component.js';
import type { CopSessionCalendar } from '../session-calendar/session-calendar.component.js';
import type { CopEventDetails, CopEventName } from '../shared/events.js';

/** An attribute's value as written in markup: numbers may come as numeric strings. */
type AttributeValue<T> = T extends number ? T | `${number}` : T;

/** Properties by name (`headingLevel`), and multi-word ones also by attribute name (`heading-level`). */
type Settable<E, Props extends keyof E, Attributes extends Partial<Record<string, Props>>> = Partial<Pick<E, Props>> & {
  [A in keyof Attributes]?: Attributes[A] extends keyof E ? AttributeValue<E[Attributes[A]]> : never;
};

type Shared = 'src' | 'feed' | 'lang';

/** Per tag: the properties and attributes a page sets. */
export interface CopElementProps {
  'cop-session-calendar': Settable<
    CopSessionCalendar,
    Shared | 'view' | 'group' | 'theme' | 'hidePast' | 'headingLevel' | 'now',
    { 'hide-past': 'hidePast'; 'heading-level': 'headingLevel' }
  >;
  'cop-enrolment-form': Settable<
    CopEnrolmentForm,
    Shared | 'session' | 'headingLevel' | 'includePersonalData' | 'prefill' | 'now',
    { 'heading-level': 'headingLevel'; 'include-personal-data': 'includePersonalData' }
  >;
  'cop-region-map': Settable<
    CopRegionMap,
    Shared | 'region' | 'municipality' | 'view' | 'headingLevel',
    { 'heading-level': 'headingLevel' }
  >;
  'cop-principle-poll': Settable<
    CopPrinciplePoll,
    Shared | 'mode' | 'sort' | 'headingLevel' | 'now',
    { 'heading-level': 'headingLevel' }
  >;
}

/** Per tag: the events it fires (all of them `cop-feed-error` too). */
export interface CopElementEventNames {
  'cop-session-calendar': 'cop-session-select' | 'cop-feed-error';
  'cop-enrolment-form': 'cop-enrolment-submit' | 'cop-feed-error';
  'cop-region-map': 'cop-region-select' | 'cop-feed-error';
  'cop-principle-poll': 'cop-vote-submit' | 'cop-feed-error';
}

/** Each cop-widgets tag and its class. */
export interface CopElementClasses {
  'cop-session-calendar': CopSessionCalendar;
  'cop-enrolment-form': CopEnrolmentForm;
  'cop-region-map': CopRegionMap;
  'cop-principle-poll': CopPrinciplePoll;
}

export type CopTagName = keyof CopElementClasses;

/** One of our events as a listener receives it. */
export type CopEvent<K extends CopEventName> = CustomEvent<CopEventDetails[K]>;
