import { css } from 'lit';

export const principlePollStyles = css`
  :host {
    --_bar: var(--cop-principle-poll-bar-color, var(--_color-primary));
    --_bar-track: var(--cop-principle-poll-bar-background-color, var(--_color-surface));
    --_bar-size: var(--cop-principle-poll-bar-block-size, 0.75rem);
    --_distribution: var(--cop-principle-poll-distribution-color, var(--_color-text-muted));
    --_distribution-size: var(--cop-principle-poll-distribution-block-size, 2rem);
    --_lowest: var(--cop-principle-poll-lowest-color, var(--_color-danger));
    --_live: var(--cop-principle-poll-live-color, var(--_color-success));
  }

  /* The projector view: large type, high contrast, readable from the back of the room. */
  :host([mode='results']) {
    --_color-text-muted: var(--_color-text);
    --_bar-size: var(--cop-principle-poll-bar-block-size, 0.7em);
    --_distribution: var(--cop-principle-poll-distribution-color, var(--_color-text));
    --_distribution-size: var(--cop-principle-poll-distribution-block-size, 2.2em);
  }

  :host([mode='results']) .poll {
    background: var(--_color-background);
  }

  .poll {
    display: grid;
    gap: var(--_space-m);
  }

  .title {
    font-size: var(--_heading-font-size-l);
  }

  .subtitle {
    font-size: var(--_heading-font-size-m);
  }

  p {
    margin: 0;
  }

  .hint {
    color: var(--_color-text-muted);
  }

  .notice {
    padding: var(--_space-m);
    border-inline-start: 0.25rem solid var(--_color-primary);
    background: var(--_color-surface);
  }

  .scale {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
  }

  /* Each option is a 44 px target (WCAG 2.5.8); the radio stays visible, also in forced colours. */
  .option {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-block-size: 2.75rem;
    min-inline-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    cursor: pointer;
  }

  .option:has(input:checked) {
    border: 2px solid var(--_color-primary);
    font-weight: 700;
  }

  /* The scale's options share the row evenly, so 1–5 fit side by side at 320 px. */
  .scale .option {
    flex: 1 0 2.75rem;
    justify-content: center;
    padding-inline: var(--_space-xs);
  }

  .option--skip {
    justify-self: start;
  }

  input[type='radio'] {
    display: inline-block;
    visibility: visible;
    opacity: 1;
    position: static;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_color-primary);
    appearance: auto;
  }

  .ends {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-m);
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }

  .ends span:last-child {
    text-align: end;
  }

  .error {
    color: var(--_color-danger);
    font-weight: 700;
  }

  .error::before {
    /* Not by colour alone: a sign in front of every error. */
    content: '⚠ ';
    /* Decorative: the text after it says what is wrong (an empty alternative text keeps screen readers quiet). */
    content: '⚠ ' / '';
  }

  .submit {
    justify-self: start;
  }

  .submit[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }

  .link-button {
    min-block-size: 2.75rem;
  }

  .results {
    display: grid;
    gap: var(--_space-s);
  }

  .meta,
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-m);
  }

  .participants {
    font-weight: 700;
  }

  .connection--live::before {
    /* A dot as well as the word: "live" is never said by colour alone. */
    content: '';
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    margin-inline-end: var(--_space-xs);
    border-radius: 50%;
    background: var(--_live);
  }

  .connection--polling,
  .connection--offline {
    padding: var(--_space-xs) var(--_space-s);
    border-inline-start: 0.25rem solid var(--_color-danger);
    background: var(--_color-surface);
  }

  /* A real switch: a track with a thumb that moves, and its state in the accessibility tree. */
  .switch {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-s);
    min-block-size: 2.75rem;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .switch__track {
    display: inline-flex;
    flex: none;
    inline-size: 2.5em;
    block-size: 1.4em;
    padding: 0.15em;
    border: 2px solid var(--_color-border);
    border-radius: 1em;
    background: var(--_color-background);
  }

  .switch__thumb {
    inline-size: 1em;
    block-size: 1em;
    border-radius: 50%;
    background: var(--_color-border);
    transition: transform 0.15s ease-out;
  }

  .switch[aria-checked='true'] .switch__track {
    border-color: var(--_color-primary);
    background: var(--_color-primary);
  }

  .switch[aria-checked='true'] .switch__thumb {
    transform: translateX(1.1em);
    background: var(--_color-primary-contrast);
  }

  .switch[aria-checked='true'] {
    font-weight: 700;
  }

  .legend::before {
    content: '';
    display: inline-block;
    inline-size: 0.3em;
    block-size: 1em;
    margin-inline-end: var(--_space-xs);
    vertical-align: -0.1em;
    background: var(--_lowest);
  }

  .chart {
    display: grid;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .row {
    display: grid;
    align-content: start;
    gap: var(--_space-xs);
    min-inline-size: 0;
    /* Room for the edge an aandachtspunt gets; no edge otherwise, also in forced colours. */
    padding: var(--_space-s) var(--_space-m) var(--_space-s) calc(var(--_space-m) + 0.25rem);
    background: var(--_color-surface);
    /* A live update re-lays out this box only, not the page around it. */
    contain: layout;
  }

  .row--lowest {
    padding-inline-start: var(--_space-m);
    border-inline-start: 0.25rem solid var(--_lowest);
  }

  .row__head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-xs) var(--_space-s);
  }

  .row__title {
    font-weight: 700;
  }

  .row__none {
    color: var(--_color-text-muted);
  }

  .badge {
    padding: 0 var(--_space-xs);
    border: 2px solid var(--_lowest);
    border-radius: var(--_radius);
    color: var(--_lowest);
    font-size: 0.875em;
    font-weight: 700;
  }

  .row__figures {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-s);
  }

  .mean {
    font-size: 1.5em;
    font-weight: 700;
    line-height: 1.1;
    font-variant-numeric: tabular-nums;
  }

  .count {
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }

  /*
   * The distribution's columns and the mean bar share one axis: the bar runs from the middle of
   * the lowest score's column to the middle of the highest's, so a mean of 3,0 ends under the 3.
   */
  .axis {
    display: grid;
    grid-template-columns: repeat(var(--_values, 5), minmax(0, 1fr));
    column-gap: 2px;
    max-inline-size: 24rem;
  }

  .column {
    display: grid;
    justify-items: center;
    align-content: end;
  }

  .column__bar {
    inline-size: 70%;
    block-size: var(--_distribution-size);
    background: var(--_distribution);
    /* Scaled, not resized: moving bars cost no layout, and the row never changes height. */
    transform: scaleY(var(--_share, 0));
    transform-origin: 50% 100%;
    transition: transform 0.4s ease-out;
  }

  .column__label {
    color: var(--_color-text-muted);
    font-size: 0.75em;
    font-variant-numeric: tabular-nums;
  }

  .meter {
    grid-column: 1 / -1;
    margin-inline: calc(50% / var(--_values, 5));
    block-size: var(--_bar-size);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_bar-track);
    overflow: hidden;
  }

  .meter__fill {
    display: block;
    block-size: 100%;
    background: var(--_bar);
    transform: scaleX(var(--_share, 0));
    transform-origin: 0 0;
    transition: transform 0.4s ease-out;
  }

  :host(:dir(rtl)) .meter__fill {
    transform-origin: 100% 0;
  }

  .exports {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
  }

  .exports__title {
    flex-basis: 100%;
    font-weight: 700;
  }

  button.cop-button--secondary {
    background: var(--_color-background);
    color: var(--_color-primary);
  }

  /* The projector view: one 16:9 screen, every principle visible, readable from the back. */
  :host([mode='results']) {
    display: block;
    block-size: var(--cop-principle-poll-projector-block-size, 100vh);
    container-type: size;
  }

  :host([mode='results']:fullscreen) {
    block-size: 100%;
  }

  :host([mode='results']) .poll--results {
    --_font-size: var(--cop-principle-poll-projector-font-size, min(2.6cqb, 1.5cqi));
    box-sizing: border-box;
    block-size: 100%;
    grid-template-columns: minmax(0, 1fr) minmax(9em, 24%);
    grid-template-rows: auto minmax(0, 1fr);
    gap: 0.5em 1em;
    padding: 0.75em 1em;
    overflow: hidden;
    font-size: var(--_font-size);
    line-height: 1.25;
  }

  .poll--results .title {
    font-size: 1.3em;
    line-height: 1.15;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }

  .projector__main {
    grid-column: 1;
    display: grid;
    grid-template-rows: auto minmax(0, 1fr);
    gap: 0.4em;
    min-block-size: 0;
  }

  .projector__main > .results {
    grid-row: 1 / -1;
    grid-template-rows: auto auto minmax(0, 1fr);
    min-block-size: 0;
  }

  .projector__main > .notice + .results {
    grid-row: 2;
  }

  .poll--results #results-title {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }

  .poll--results .results--hidden {
    align-content: start;
  }

  .poll--results .notice--hidden {
    font-size: 1.4em;
  }

  .poll--results .chart {
    grid-template-columns: repeat(var(--_columns, 1), minmax(0, 1fr));
    grid-template-rows: repeat(var(--_rows, 1), minmax(0, 1fr));
    gap: 0.4em;
    min-block-size: 0;
    /* Its size comes from the screen, never from its content: an update lays out inside it only. */
    contain: strict;
    /* More than four rows (over 12 principles): the type shrinks so that they still fit. */
    font-size: calc(1em * min(1, 4 / var(--_rows, 1)));
  }

  /* In a box: the title on top; the mark, mean and count on the left; the axis beside them. */
  .poll--results .row {
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: auto auto minmax(0, 1fr);
    column-gap: 0.75em;
    padding-block: 0.35em;
    overflow: hidden;
    contain: strict;
  }

  .poll--results .row__head {
    display: contents;
  }

  .poll--results .badge {
    grid-area: 2 / 1;
    justify-self: start;
    align-self: end;
    font-size: 0.65em;
  }

  .poll--results .row__title {
    grid-area: 1 / 1 / 2 / -1;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }

  .poll--results .row__figures {
    grid-area: 3 / 1;
    flex-direction: column;
    align-items: start;
    align-self: end;
    gap: 0;
  }

  .poll--results .mean {
    font-size: 1.8em;
  }

  .poll--results .axis {
    grid-area: 2 / 2 / 4 / 3;
    align-self: end;
    max-inline-size: none;
  }

  .poll--results .row__none {
    grid-area: 2 / 1 / 3 / -1;
  }

  .projector__side {
    grid-column: 2;
    grid-row: 1 / -1;
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 0.4em;
    min-block-size: 0;
  }

  .join__call {
    font-size: 1.1em;
    font-weight: 700;
  }

  .qr {
    /* Square, as large as the panel allows, black on white whatever the theme: scanners need it. */
    aspect-ratio: 1;
    inline-size: 100%;
    max-block-size: 55cqb;
    align-self: center;
    background: #fff;
  }

  .qr__code {
    display: block;
    inline-size: 100%;
    block-size: 100%;
  }

  .join__url {
    font-weight: 700;
    overflow-wrap: anywhere;
  }

  .join__or {
    display: block;
    color: var(--_color-text-muted);
    font-size: 0.8em;
  }

  .fullscreen {
    margin-block-start: auto;
    align-self: start;
    font-size: 0.6em;
  }

  kbd {
    padding: 0 0.3em;
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font: inherit;
  }

  :host([mode='results']) .results--empty .row {
    align-content: center;
  }

  /* The organiser's controls. */
  .presenter {
    display: grid;
    gap: var(--_space-m);
  }

  .presenter--sign-in {
    max-inline-size: 30rem;
  }

  .field {
    display: grid;
    gap: var(--_space-xs);
  }

  .field__label {
    font-weight: 700;
  }

  .field input {
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    font: inherit;
  }

  .presenter__state {
    display: grid;
    gap: var(--_space-xs);
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 1.125em;
    font-weight: 700;
  }

  .presenter__actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }

  button.presenter__reset {
    border-color: var(--_color-danger);
    background: var(--_color-background);
    color: var(--_color-danger);
  }

  @media (prefers-reduced-motion: reduce) {
    .column__bar,
    .meter__fill,
    .switch__thumb {
      transition: none;
    }
  }

  @media (forced-colors: active) {
    /* System colours replace backgrounds; the bars keep theirs so they do not vanish. */
    .meter__fill,
    .column__bar,
    .switch__thumb,
    .connection--live::before {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .meter {
      forced-color-adjust: none;
      background: Canvas;
      border-color: CanvasText;
    }
    .row--lowest,
    .legend::before,
    .badge {
      border-color: Highlight;
    }
    .option:has(input:checked) {
      border-color: Highlight;
    }
  }
`;
