import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

type Properties = Readonly<Record<`--${string}`, string | number>>;

/**
 * Sets CSS custom properties through the element's style object: `<span ${cssProperties({ '--_share': 0.4 })}>`.
 * Unlike Lit's styleMap, it never writes a `style="…"` attribute (styleMap does on first render),
 * which a partner's `Content-Security-Policy: style-src 'self'` would block; CSSOM changes are allowed.
 */
class CssPropertiesDirective extends Directive {
  #names = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT)
      throw new Error('cssProperties() belongs on an element, not in an attribute or text');
  }

  render(_properties: Properties): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [properties]: [Properties]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#names) if (!(name in properties)) style.removeProperty(name);
    this.#names = new Set(Object.keys(properties));
    for (const [name, value] of Object.entries(properties)) style.setProperty(name, String(value));
    return noChange;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
