/**
 * Reactive properties and state, each declared once.
 *
 * A widget's public properties are one object, written once with their Lit options, defaults,
 * types and descriptions:
 *
 * ```ts
 * const properties = {
 *   // `list` (default): an agenda grouped by month; `month`: a month grid.
 *   view: prop<CalendarView>('list', { reflect: true }),
 * };
 * export interface CopSessionCalendar extends Properties<typeof properties> {}
 * export class CopSessionCalendar extends CopElement {
 *   static override properties: PropertyDeclarations = properties;
 * }
 * ```
 *
 * Lit reads the options, CopElement's constructor sets the defaults, the interface gives the
 * instance its typed properties, and cem.config.mjs writes them into the manifest. (Lit's
 * decorators would do the same, but Vite 8 does not compile standard decorators and compiling
 * them with esbuild costs about 1 KB gzip of helpers: see the commit that introduced this file.)
 *
 * Internal state is `#state = reactiveState(this, { … })`: private to the class, so neither the
 * element's type nor the manifest show it, and each change re-renders, as Lit's `state: true`.
 */
import type { PropertyDeclaration, ReactiveElement } from 'lit';

/** A property's Lit options and its default (`value`); the type parameter is the property's type. */
export interface Property<T> extends PropertyDeclaration {
  readonly value: T | undefined;
}

/** Declares a public reactive property with its default (undefined: none is set). */
export const prop = <T>(value: T | undefined, options: PropertyDeclaration = {}): Property<T> => ({
  ...options,
  value,
});

/** The instance properties that a `properties` object declares. */
export type Properties<P> = { -readonly [K in keyof P]: P[K] extends Property<infer T> ? T : never };

/**
 * The defaults of a class's properties, set on a new instance; objects are copied, so two
 * elements never share (and mutate) one default.
 */
export function setDefaults(element: ReactiveElement): void {
  const declared = (element.constructor as typeof ReactiveElement).elementProperties as Map<
    PropertyKey,
    Partial<Property<unknown>>
  >;
  const target = element as unknown as Record<PropertyKey, unknown>;
  for (const [name, { value }] of declared) {
    if (value !== undefined) target[name] = typeof value === 'object' && value ? structuredClone(value) : value;
  }
}

/**
 * A widget's internal state with its initial values: reading a key gives its value, setting one
 * re-renders the host when the value changed (and `changedProperties` names the key), as a Lit
 * property with `state: true` would, but invisible outside the class.
 */
export function reactiveState<T extends object>(host: ReactiveElement, initial: T): T {
  return new Proxy(
    { ...initial },
    {
      set(values, key, value) {
        const old = Reflect.get(values, key);
        Reflect.set(values, key, value);
        host.requestUpdate(key, old, undefined, true, value);
        return true;
      },
    },
  );
}
