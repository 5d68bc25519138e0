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
    --_font-size: var(--cop-principle-poll-projector-font-size, clamp(1.25rem, 2.4vw, 2.5rem));
    --_color-text-muted: var(--_color-text);
    --_bar-size: var(--cop-principle-poll-bar-block-size, 1em);
    --_distribution: var(--cop-principle-poll-distribution-color, var(--_color-text));
    --_distribution-size: var(--cop-principle-poll-distribution-block-size, 2.5em);
  }

  :host([mode='results']) .poll {
    padding: var(--_space-m);
    background: var(--_color-background);
  }

  .poll {
    display: grid;
    gap: var(--_space-m);
  }

  .title {
    font-size: 1.25em;
    font-weight: 700;
  }

  .subtitle {
    font-size: 1.125em;
    font-weight: 700;
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
    column-gap: var(--_space-m);
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

  .toggle {
    /* Pressed or not, in text weight and a check mark, not colour. */
    text-decoration: none;
  }

  .toggle::before {
    content: '☐ ';
  }

  .toggle[aria-pressed='true']::before {
    content: '☑ ';
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
    gap: var(--_space-xs);
    /* Room for the edge an aandachtspunt gets; no edge otherwise, also in forced colours. */
    padding: var(--_space-s) var(--_space-m) var(--_space-s) calc(var(--_space-m) + 0.25rem);
    background: var(--_color-surface);
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

  .badge {
    padding: 0 var(--_space-xs);
    border: 2px solid var(--_lowest);
    border-radius: var(--_radius);
    color: var(--_lowest);
    font-size: 0.875em;
    font-weight: 700;
  }

  .row__mean {
    display: grid;
    grid-template-columns: 2.5em 1fr auto;
    align-items: center;
    gap: var(--_space-s);
  }

  .mean {
    font-size: 1.25em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .meter {
    block-size: var(--_bar-size);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_bar-track);
    overflow: hidden;
  }

  .meter__fill {
    display: block;
    block-size: 100%;
    inline-size: calc(var(--_share, 0) * 100%);
    background: var(--_bar);
    transition: inline-size 0.4s ease-out;
  }

  .count {
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }

  .distribution {
    display: flex;
    align-items: flex-end;
    gap: 2px;
    max-inline-size: 16em;
  }

  .distribution__column {
    display: grid;
    flex: 1;
    justify-items: center;
    align-content: end;
    block-size: calc(var(--_distribution-size) + 1.5em);
  }

  .distribution__bar {
    inline-size: 100%;
    block-size: calc(var(--_share, 0) * var(--_distribution-size));
    min-block-size: 1px;
    background: var(--_distribution);
    transition: block-size 0.4s ease-out;
  }

  .distribution__label {
    color: var(--_color-text-muted);
    font-size: 0.75em;
  }

  @media (forced-colors: active) {
    /* System colours replace backgrounds; the bars keep theirs so they do not vanish. */
    .meter__fill,
    .distribution__bar,
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
    .badge {
      border-color: Highlight;
    }
    .option:has(input:checked) {
      border-color: Highlight;
    }
  }
`;
