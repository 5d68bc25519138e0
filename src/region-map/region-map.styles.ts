import { css } from 'lit';

export const regionMapStyles = css`
  :host {
    --_region-background: var(--cop-region-map-region-background-color, #e0e0e0);
    --_region-border: var(--cop-region-map-region-border-color, var(--_color-background));
    --_outline: var(--cop-region-map-outline-color, var(--_color-border));
    --_active-border: var(--cop-region-map-region-active-border-color, var(--_color-text));
  }

  /* The container for the layout below: on our own element, not on the host, which a page's
     reset such as "* { all: unset }" restyles. */
  .region-map {
    container-type: inline-size;
  }

  /* Okabe–Ito, safe for the common colour-vision deficiencies; its black gave way to Tol's wine,
     so the dark outline of a chosen region stays visible. Each facilitator also has a number.
     In a dark scheme, lighter hues keep 3:1 against the uncovered regions (the pairs below); a
     browser without light-dark() keeps the light hues (see theme.styles.ts). */
  .colour-1 {
    --_colour: var(--cop-region-map-color-1, #0072b2);
  }
  .colour-2 {
    --_colour: var(--cop-region-map-color-2, #e69f00);
  }
  .colour-3 {
    --_colour: var(--cop-region-map-color-3, #009e73);
  }
  .colour-4 {
    --_colour: var(--cop-region-map-color-4, #cc79a7);
  }
  .colour-5 {
    --_colour: var(--cop-region-map-color-5, #d55e00);
  }
  .colour-6 {
    --_colour: var(--cop-region-map-color-6, #56b4e9);
  }
  .colour-7 {
    --_colour: var(--cop-region-map-color-7, #f0e442);
  }
  .colour-8 {
    --_colour: var(--cop-region-map-color-8, #882255);
  }

  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_region-background: var(--cop-region-map-region-background-color, light-dark(#e0e0e0, #3d3d3d));
    }
    .colour-1 {
      --_colour: var(--cop-region-map-color-1, light-dark(#0072b2, #5aaee6));
    }
    .colour-3 {
      --_colour: var(--cop-region-map-color-3, light-dark(#009e73, #2ec4a0));
    }
    .colour-4 {
      --_colour: var(--cop-region-map-color-4, light-dark(#cc79a7, #e08ec0));
    }
    .colour-5 {
      --_colour: var(--cop-region-map-color-5, light-dark(#d55e00, #ff7a2e));
    }
    .colour-6 {
      --_colour: var(--cop-region-map-color-6, light-dark(#56b4e9, #9fd6f5));
    }
    .colour-8 {
      --_colour: var(--cop-region-map-color-8, light-dark(#882255, #e07bb0));
    }
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: start;
    justify-content: space-between;
    gap: var(--_space-s) var(--_space-m);
    margin-block-end: var(--_space-m);
  }

  .search {
    display: grid;
    gap: var(--_space-xs);
    flex: 1 1 14rem;
    max-inline-size: 24rem;
  }

  .search label {
    font-weight: 700;
  }

  .hint,
  .panel__region,
  .credit,
  .results__none {
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }

  input,
  button {
    font: inherit;
    color: inherit;
  }

  input {
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
  }

  .results__none {
    margin: 0;
  }

  .results {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
  }

  .result {
    display: grid;
    inline-size: 100%;
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 0;
    background: none;
    text-align: start;
    cursor: pointer;
  }

  .result:hover {
    background: var(--_color-surface);
  }

  .result__name {
    font-weight: 700;
  }

  .notice {
    margin: 0 0 var(--_space-m);
    padding: var(--_space-s) var(--_space-m);
    border-inline-start: 0.25rem solid var(--_color-danger);
    background: var(--_color-surface);
  }

  /* Map (or the full list), panel and legend under one another, in reading order. */
  .body {
    display: grid;
    grid-template-areas: 'main' 'panel' 'legend';
    gap: var(--_space-m);
  }

  .figure,
  .list--full {
    grid-area: main;
    min-inline-size: 0;
  }

  .panel {
    grid-area: panel;
  }

  .list--compact {
    grid-area: legend;
  }

  .figure {
    max-inline-size: 32rem;
  }

  /* Map and panel side by side only when both have room: the map at 20rem or more, the panel at
     18rem, wide enough for an e-mail address on one line. The legend then spans both, so no empty
     column grows beside it. Measured on the widget's own box, so it fits any partner column. */
  @container (min-width: 39rem) {
    .body {
      grid-template-columns: minmax(20rem, 30rem) minmax(18rem, 40rem);
      grid-template-areas: 'main panel' 'legend legend';
      align-items: start;
    }

    /* Columns wide enough for the longest CBS name on one line ("Midden-Brabant (Hart van Brabant)"). */
    .list--compact .facilitators {
      grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
    }
  }

  .placeholder {
    aspect-ratio: 100 / 117;
  }

  /* Zoomed in, the regions reach past the map's box; it shows only what is inside. */
  .map {
    display: block;
    inline-size: 100%;
    block-size: auto;
    overflow: hidden;
  }

  /* Nothing on the map glides but the zoom and the badges: a redraw for a new width is at once,
     also under the reduced-motion rule (theme.styles.ts), which gives every property a duration. */
  .map * {
    transition-property: none;
  }

  /* The zoom (region-map.component.ts sets the three numbers) glides to its place. */
  .map .zoom {
    transform: translate(calc(var(--_zoom-x, 0) * 1px), calc(var(--_zoom-y, 0) * 1px)) scale(var(--_zoom-k, 1));
    transform-origin: 0 0;
    transition: transform 400ms ease-in-out;
  }

  /* Badges are placed for the view the map is going to; they show once it is there. */
  .map .badges {
    transition: opacity 150ms;
  }

  .map--moving .badges {
    opacity: 0;
    transition: none;
  }

  .region {
    fill: var(--_region-background);
    cursor: pointer;
  }

  .region--covered {
    fill: var(--_colour);
  }

  /* The focus ring is drawn as its own path above the neighbours, which would hide an outline. */
  .region:focus {
    outline: none;
  }

  /* Lines keep their width when the map is zoomed. */
  .borders,
  .outline,
  .active,
  .focus-halo,
  .focus-ring {
    fill: none;
    pointer-events: none;
    stroke-linejoin: round;
    vector-effect: non-scaling-stroke;
  }

  .borders {
    stroke: var(--_region-border);
    stroke-width: 1;
  }

  .outline {
    stroke: var(--_outline);
    stroke-width: 1;
  }

  .active {
    stroke: var(--_active-border);
    stroke-width: 3;
  }

  .focus-halo {
    stroke: var(--_color-focus-halo);
    stroke-width: 8;
  }

  .focus-ring {
    stroke: var(--_color-focus);
    stroke-width: 3;
  }

  .badge {
    pointer-events: none;
  }

  .badge circle {
    fill: #ffffff;
    stroke: #1b1b1b;
    stroke-width: 1.5;
  }

  .badge text {
    fill: #1b1b1b;
    font-size: 11px;
    font-weight: 700;
    text-anchor: middle;
  }

  .leader {
    stroke: #1b1b1b;
    stroke-width: 1.5;
  }

  .anchor {
    fill: #1b1b1b;
  }

  .credit {
    margin: var(--_space-xs) 0 0;
  }

  .zoom-button {
    margin-block-end: var(--_space-s);
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 2px solid var(--_color-primary);
    border-radius: var(--_radius);
    background: var(--_color-background);
    color: var(--_color-primary);
    cursor: pointer;
  }

  /* Long words break only where nothing else fits. */
  .panel {
    padding: var(--_space-m);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    overflow-wrap: break-word;
  }

  /* An e-mail address or phone number is a box of its own: the line breaks before it when it does
     not fit after its label, and inside it only when it is longer than the whole line. (A <wbr>
     after the @ would put a space into the link's accessible name.) */
  .contact {
    display: inline-block;
    max-inline-size: 100%;
    overflow-wrap: anywhere;
  }

  a[href^='tel:'] {
    white-space: nowrap;
  }

  .municipalities {
    margin-block-start: var(--_space-s);
    padding-block-start: var(--_space-s);
    border-block-start: 1px solid var(--_color-border);
  }

  .municipalities__title {
    color: var(--_color-text-muted);
    font-size: 0.875em;
  }

  /* One line after another, "Beuningen · Druten · Heumen": a comma would split "Nuenen, Gerwen en
     Nederwetten". Screen readers get a list and skip the dots. */
  .municipalities__list {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .municipalities__list li {
    display: inline;
  }

  .municipalities__list li + li::before {
    content: ' · ' / '';
  }

  .panel p,
  .facilitator p {
    margin: 0;
  }

  .panel__prompt {
    color: var(--_color-text-muted);
  }

  .panel__title,
  .list__title {
    margin: 0;
    font-size: var(--_heading-font-size-l);
  }

  .panel__region {
    margin-block-end: var(--_space-s) !important;
  }

  .person + .person {
    margin-block-start: var(--_space-s);
    padding-block-start: var(--_space-s);
    border-block-start: 1px solid var(--_color-border);
  }

  .person__name,
  .facilitator__name {
    display: flex;
    align-items: center;
    gap: var(--_space-s);
    font-weight: 700;
  }

  a {
    color: var(--_color-primary);
  }

  .key {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
  }

  .swatch {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_colour);
  }

  .number {
    display: inline-grid;
    place-items: center;
    min-inline-size: 1.5rem;
    block-size: 1.5rem;
    border: 1.5px solid #1b1b1b;
    border-radius: 50%;
    background: #ffffff;
    color: #1b1b1b;
    font-size: 0.8125em;
  }

  .list {
    display: grid;
    gap: var(--_space-s);
    min-inline-size: 0;
    margin: 0;
  }

  .facilitators,
  .regions {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .facilitators {
    display: grid;
    gap: var(--_space-m);
  }

  .facilitator {
    display: grid;
    align-content: start;
    gap: var(--_space-xs);
    overflow-wrap: break-word;
  }

  /* Beside the map the list is the legend: contact details are in the panel, so here they are
     for screen readers only, and shown when a keyboard user tabs into them. */
  .list--compact .facilitator__details:not(:focus-within) {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .regions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
  }

  .region-button {
    text-align: start;
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    cursor: pointer;
  }

  .region-button[aria-current='true'] {
    border-color: var(--_active-border);
    box-shadow: inset 0 0 0 2px var(--_active-border);
    font-weight: 700;
  }

  .regions__unknown {
    align-self: center;
    color: var(--_color-danger);
  }

  @media (forced-colors: active) {
    /* System colours only, chosen here so that covered regions stand out from the rest. */
    .map {
      forced-color-adjust: none;
    }
    .region {
      fill: Canvas;
    }
    .region--covered {
      fill: Highlight;
    }
    .borders,
    .outline {
      stroke: CanvasText;
    }
    .active,
    .focus-ring {
      stroke: CanvasText;
      stroke-width: 4;
    }
    .focus-halo {
      stroke: Canvas;
    }
    .badge circle {
      fill: Canvas;
      stroke: CanvasText;
    }
    .badge text,
    .anchor {
      fill: CanvasText;
    }
    .leader {
      stroke: CanvasText;
    }
    .swatch {
      forced-color-adjust: none;
      background: Highlight;
      border-color: CanvasText;
    }
    .region-button[aria-current='true'] {
      border-color: Highlight;
    }
  }
`;
