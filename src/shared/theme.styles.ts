import { css } from 'lit';

/**
 * Global design tokens. Each `--cop-*` custom property is public API (documented with
 * `@cssprop` on CopElement); each widget reads them through private `--_*` properties that
 * hold the default, so a partner overrides a token once on the page and every widget follows.
 *
 * Colours use light-dark(): the widget turns dark only when the host page opts into dark
 * (`color-scheme: light dark` or `dark`), so it never clashes with a light partner page.
 * Defaults reach WCAG 2.2 AA: text ≥ 4.5:1, borders and focus ≥ 3:1 on the background.
 *
 * Browsers of the floor without light-dark() (Chrome and Edge before 123, Firefox before 120,
 * Safari before 17.5) get the light values: a custom property keeps whatever it is given, so a
 * light-dark() value there would only fail where it is used (a transparent pressed button, no
 * card borders, no focus ring). The light values come first; the pairs replace them only where
 * @supports says light-dark() works. test/shared/below-the-floor.test.ts proves it.
 */
export const themeStyles = css`
  :host {
    --_font-family: var(--cop-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--cop-font-size, 1rem);
    --_line-height: var(--cop-line-height, 1.5);
    /* Headings take the partner's heading typography; by default the widget's own font, bold,
       and never bigger than a partner's section heading. */
    --_heading-font-family: var(--cop-heading-font-family, var(--_font-family));
    --_heading-font-weight: var(--cop-heading-font-weight, 700);
    --_heading-color: var(--cop-heading-color, inherit);
    --_heading-line-height: var(--cop-heading-line-height, 1.25);
    --_heading-font-size-l: var(--cop-heading-font-size-l, 1.25em);
    --_heading-font-size-m: var(--cop-heading-font-size-m, 1.125em);
    --_heading-font-size-s: var(--cop-heading-font-size-s, 1em);
    --_color-text: var(--cop-color-text, #1b1b1b);
    --_color-text-muted: var(--cop-color-text-muted, #575757);
    --_color-background: var(--cop-color-background, #ffffff);
    --_color-surface: var(--cop-color-surface, #f3f3f3);
    --_color-border: var(--cop-color-border, #767676);
    --_color-primary: var(--cop-color-primary, #01689b);
    --_color-primary-contrast: var(--cop-color-primary-contrast, #ffffff);
    --_color-danger: var(--cop-color-danger, #b01c1c);
    --_color-success: var(--cop-color-success, #2b6e2f);
    --_color-focus: var(--cop-color-focus, #1b1b1b);
    --_color-focus-halo: var(--cop-color-focus-halo, #ffdd00);
    --_radius: var(--cop-radius, 0.25rem);
    --_space-xs: var(--cop-space-xs, 0.25rem);
    --_space-s: var(--cop-space-s, 0.5rem);
    --_space-m: var(--cop-space-m, 1rem);
    --_space-l: var(--cop-space-l, 1.5rem);
    --_space-xl: var(--cop-space-xl, 2.5rem);

    display: block;
    box-sizing: border-box;
    color-scheme: inherit;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_color-text);
  }

  /* Light and dark where the browser can choose (see above). */
  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_color-text: var(--cop-color-text, light-dark(#1b1b1b, #f2f2f2));
      --_color-text-muted: var(--cop-color-text-muted, light-dark(#575757, #c4c4c4));
      --_color-background: var(--cop-color-background, light-dark(#ffffff, #1b1b1b));
      --_color-surface: var(--cop-color-surface, light-dark(#f3f3f3, #2a2a2a));
      --_color-border: var(--cop-color-border, light-dark(#767676, #9a9a9a));
      --_color-primary: var(--cop-color-primary, light-dark(#01689b, #8fcdf0));
      --_color-primary-contrast: var(--cop-color-primary-contrast, light-dark(#ffffff, #1b1b1b));
      --_color-danger: var(--cop-color-danger, light-dark(#b01c1c, #ff9c9c));
      --_color-success: var(--cop-color-success, light-dark(#2b6e2f, #8fd694));
      --_color-focus: var(--cop-color-focus, light-dark(#1b1b1b, #ffffff));
      --_color-focus-halo: var(--cop-color-focus-halo, light-dark(#ffdd00, #1b1b1b));
    }
  }

  /* Without light-dark() the colours are light, so the native parts (checkboxes, radio buttons,
     scrollbars) are light too, on a dark page as well. */
  @supports not (color: light-dark(#000, #fff)) {
    :host {
      color-scheme: light;
    }
  }

  /*
   * Inherited text styles a host page sets (on its body, or on every element with !important,
   * which reaches the host itself) stop at the widget's top-level elements.
   */
  :host > * {
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_color-text);
    text-align: start;
    text-indent: 0;
    text-transform: none;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
    font-style: normal;
    font-weight: normal;
    visibility: visible;
    /* Also inherited, and set on every element by some themes: sizes, shadows, pointers, bullets. */
    box-sizing: border-box;
    text-shadow: none;
    cursor: auto;
    list-style: initial;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  /* Every widget heading (a role="heading" element, its level from heading-level) in the partner's
     heading typography; each widget sets its size (--_heading-font-size-l/m/s) and margins. */
  [role='heading'] {
    font-family: var(--_heading-font-family);
    font-weight: var(--_heading-font-weight);
    line-height: var(--_heading-line-height);
    color: var(--_heading-color);
  }

  /* A two-tone ring is visible on any background (WCAG 2.4.7, 2.4.13). */
  :focus-visible {
    outline: 3px solid var(--_color-focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 5px var(--_color-focus-halo);
  }

  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    /* Its text changes (live counts, announcements) lay out inside this 1 px box, not the page. */
    contain: strict;
  }

  /* A switch between views ("Lijst | Maand", "Kaart | Lijst"). */
  .switch {
    display: inline-flex;
    border: 2px solid var(--_color-primary);
    border-radius: var(--_radius);
  }

  /* The outer segments round their outer corners to fit inside the border: no notch where a
     square corner meets the rounded one. */
  .switch__option:first-child {
    border-start-start-radius: max(0px, calc(var(--_radius) - 2px));
    border-end-start-radius: max(0px, calc(var(--_radius) - 2px));
  }

  .switch__option:last-child {
    border-start-end-radius: max(0px, calc(var(--_radius) - 2px));
    border-end-end-radius: max(0px, calc(var(--_radius) - 2px));
  }

  .switch__option {
    font: inherit;
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-m);
    border: 0;
    background: var(--_color-background);
    color: var(--_color-primary);
    cursor: pointer;
  }

  .switch__option[aria-pressed='true'] {
    background: var(--_color-primary);
    color: var(--_color-primary-contrast);
    font-weight: 700;
  }

  @media (forced-colors: active) {
    .switch__option[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }

  button.cop-button {
    font: inherit;
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: var(--_space-s) var(--_space-m);
    border: 2px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: var(--_color-primary);
    color: var(--_color-primary-contrast);
    cursor: pointer;
  }

  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
      box-shadow: none;
    }
    button.cop-button {
      border-color: ButtonText;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
