import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Properties = Readonly<Record<`--${string}`, string | number>>;

/** Writes waiting for the next frame, latest value per element: one transition per bar per frame. */
const waiting = new Map<HTMLElement, Properties>();
let frame = 0;

function flush(): void {
  frame = 0;
  for (const [element, properties] of waiting)
    for (const [name, value] of Object.entries(properties)) element.style.setProperty(name, String(value));
  waiting.clear();
}

/**
 * Sets the custom properties that size a bar, as src/shared/css-properties.ts does (CSSOM, no
 * style attribute, so a strict CSP allows it), but a change waits for the next animation frame.
 * Why: each change starts a CSS transition, and Chromium keeps every transition started before
 * a frame until that frame comes; each style recalculation then walks all of them. Live results
 * that arrive faster than frames (a burst of votes, a projector tab in the background, which
 * gets no frames at all) made every update slower than the one before it. Now the text and the
 * table follow each update at once and the bars move once per frame, to the latest values.
 */
class FramePropertiesDirective extends Directive {
  #first = true;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('frameProperties() belongs on an element');
  }

  render(_properties: Properties): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Properties]): typeof noChange {
    const element = part.element as HTMLElement;
    if (this.#first) {
      // The first values are drawn with the element: nothing to animate from.
      this.#first = false;
      for (const [name, value] of Object.entries(properties)) element.style.setProperty(name, String(value));
      return noChange;
    }
    waiting.set(element, properties);
    frame ||= requestAnimationFrame(flush);
    return noChange;
  }
}

export const frameProperties = directive(FramePropertiesDirective);

/** Resolves once the bars drawn so far have their latest values (tests, exports, screenshots). */
export const barsSettled = () =>
  new Promise<void>((resolve) => (frame ? requestAnimationFrame(() => resolve()) : resolve()));
