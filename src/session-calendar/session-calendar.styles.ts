import { css } from 'lit';

export const sessionCalendarStyles = css`
  :host {
    --_session-background: var(--cop-session-calendar-session-background, var(--_color-background));
    --_session-border-color: var(--cop-session-calendar-session-border-color, var(--_color-border));
    --_date-color: var(--cop-session-calendar-date-color, var(--_color-primary));
    --_cancelled-color: var(--cop-session-calendar-status-cancelled-color, var(--_color-danger));
    --_day-busy-background: var(--cop-session-calendar-day-has-sessions-background, var(--_color-surface));
    --_day-selected-border: var(--cop-session-calendar-day-selected-border-color, var(--_color-primary));
    container-type: inline-size;
  }

  .toolbar {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-s);
    margin-block-end: var(--_space-m);
  }

  .toolbar__row {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-s) var(--_space-m);
  }

  select,
  .link-button,
  summary {
    font: inherit;
    color: inherit;
  }

  .filter {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space-xs);
    min-inline-size: 0;
  }

  select {
    /* A long theme title must not push the calendar wider than a 320 px screen. */
    max-inline-size: 100%;
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
  }

  .check {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-s);
    min-block-size: 2.75rem;
  }

  .check input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_color-primary);
  }

  .link-button {
    justify-self: start;
    padding: var(--_space-xs) 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
  }

  a {
    color: var(--_color-primary);
  }

  .enrolment {
    margin: 0 0 var(--_space-m);
    font-weight: 700;
  }

  .month-heading {
    margin: var(--_space-l) 0 var(--_space-s);
    font-size: var(--_heading-font-size-l);
  }

  .day-panel .month-heading {
    font-size: var(--_heading-font-size-m);
  }

  /* "maart 2027" heads a section as "Maart 2027"; the rest of the sentence keeps its case. */
  .month-heading::first-letter {
    text-transform: uppercase;
  }

  .sessions {
    display: grid;
    gap: var(--_space-s);
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .session {
    padding: var(--_space-m);
    border: 1px solid var(--_session-border-color);
    border-radius: var(--_radius);
    background: var(--_session-background);
    /* Each card lays itself out: a card added below does not make the ones above lay out again. */
    contain: layout style;
  }

  .session__date {
    margin: 0;
    color: var(--_date-color);
    font-weight: 700;
  }

  .session__title {
    margin: var(--_space-xs) 0;
    font-size: var(--_heading-font-size-m);
  }

  .nowrap {
    white-space: nowrap;
  }

  .session--past {
    color: var(--_color-text-muted);
  }

  .session--past .session__date {
    color: inherit;
  }

  .session--cancelled .session__title {
    text-decoration: line-through;
  }

  .session__status {
    display: flex;
    gap: var(--_space-xs);
    margin: 0 0 var(--_space-xs);
  }

  .badge {
    padding: 0 var(--_space-s);
    border: 1px solid currentColor;
    border-radius: var(--_radius);
    font-size: 0.875em;
    font-weight: 700;
  }

  .badge--cancelled {
    color: var(--_cancelled-color);
  }

  .session__facts {
    display: grid;
    gap: var(--_space-xs);
    margin: var(--_space-s) 0 0;
  }

  .session__facts div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space-s);
  }

  .session__facts dt {
    font-weight: 700;
  }

  .session__facts dt:not(.visually-hidden)::after {
    content: ':';
  }

  .session__facts dd {
    margin: 0;
  }

  .muted {
    color: var(--_color-text-muted);
    font-style: italic;
  }

  .session__actions {
    display: flex;
    flex-wrap: wrap;
    align-items: start;
    gap: var(--_space-s) var(--_space-m);
    margin-block-start: var(--_space-s);
  }

  /* Without an "Aanmelden" button the disclosure alone keeps its 44 px target, but not the
     space around its one line of text: the card ends where its text does. */
  .session__actions--quiet {
    margin-block-start: 0;
  }

  .session__actions--quiet summary {
    margin-block-end: calc((var(--_line-height) * 1em - 2.75rem) / 2);
  }

  summary {
    display: inline-flex;
    align-items: center;
    min-block-size: 2.75rem;
    color: var(--_color-primary);
    text-decoration: underline;
    cursor: pointer;
  }

  .add__options {
    margin: 0;
    padding-inline-start: var(--_space-l);
  }

  .add__options li {
    padding-block: var(--_space-xs);
  }

  /* Previous, the month, next and today on one row at every width. */
  .month-nav {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto auto;
    align-items: center;
    gap: var(--_space-s);
  }

  .month-nav__title {
    margin: 0;
    text-align: center;
    text-wrap: balance;
  }

  /* A narrow list of the month under the navigation keeps its distance from the buttons. */
  .month-nav + .sessions,
  .month-nav + .state {
    margin-block-start: var(--_space-m);
  }

  button.cop-button--quiet {
    background: var(--_color-background);
    color: var(--_color-primary);
  }

  .grid {
    inline-size: 100%;
    margin-block: var(--_space-m);
    border-collapse: collapse;
    table-layout: fixed;
  }

  .grid th {
    padding: var(--_space-xs);
    font-weight: 700;
    text-align: center;
  }

  .day {
    position: relative;
    block-size: 5rem;
    padding: var(--_space-xs);
    border: 1px solid var(--_color-border);
    vertical-align: top;
    cursor: pointer;
  }

  /* The full titles of a day's sessions, under the day, while it is hovered or focused. */
  .day__tip {
    display: none;
    position: absolute;
    z-index: 1;
    inset-block-start: calc(100% - var(--_space-xs));
    inset-inline-start: var(--_space-xs);
    inline-size: max-content;
    max-inline-size: min(18rem, 80cqi);
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    color: var(--_color-text);
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.2);
    font-size: 0.875em;
    text-align: start;
    pointer-events: none;
  }

  .day__tip > span {
    display: block;
  }

  /* Days in the right half open their tip towards the left, so it stays on the screen. */
  .day:nth-child(n + 5) .day__tip {
    inset-inline: auto var(--_space-xs);
  }

  .day:hover .day__tip,
  .day:focus .day__tip {
    display: block;
  }

  .grid--tips-hidden .day .day__tip {
    display: none;
  }

  .day--outside {
    color: var(--_color-text-muted);
  }

  .day--busy {
    background: var(--_day-busy-background);
  }

  .day[aria-selected='true'] {
    outline: 3px solid var(--_day-selected-border);
    outline-offset: -3px;
  }

  .day[aria-current='date'] .day__number {
    border-radius: 50%;
    background: var(--_color-primary);
    color: var(--_color-primary-contrast);
  }

  /* Every day number in the same box, in figures of one width, from the same edge: 1 and 21
     start at the same place (today's, in its circle, is centred). */
  .day__number {
    display: inline-block;
    inline-size: 1.75em;
    block-size: 1.75em;
    padding-inline-start: 0.25em;
    line-height: 1.75em;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    text-align: start;
  }

  .day[aria-current='date'] .day__number {
    padding-inline-start: 0;
    text-align: center;
  }

  .day__session {
    display: block;
    overflow: hidden;
    font-size: 0.8125em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  /* Long series: one row per session, date beside the title, so a group's dates read at a glance. */
  @container (min-width: 40rem) {
    .list--compact .session {
      display: grid;
      grid-template-columns: 15rem minmax(0, 1fr) auto;
      grid-template-areas:
        'date title actions'
        'date facts actions'
        'date status actions'
        'date description actions';
      grid-template-rows: auto auto auto 1fr;
      align-items: start;
      gap: 0 var(--_space-m);
      padding: var(--_space-s) var(--_space-m);
    }

    .list--compact .session__date {
      grid-area: date;
    }

    .list--compact .session__title {
      grid-area: title;
      margin: 0;
      font-size: var(--_heading-font-size-s);
    }

    .list--compact .session__status {
      grid-area: status;
      margin: var(--_space-xs) 0 0;
    }

    .list--compact .session__facts {
      grid-area: facts;
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space-m);
      margin: 0;
    }

    .list--compact .session__description {
      grid-area: description;
      margin: var(--_space-xs) 0 0;
    }

    .list--compact .session__actions {
      grid-area: actions;
      margin: 0;
      justify-content: end;
    }

    .list--compact .session__actions--quiet summary {
      margin-block: calc((var(--_line-height) * 1em - 2.75rem) / 2);
    }
  }

  /* On a phone the previous and next buttons show their arrows only (their names stay for screen
     readers), so the navigation keeps to one row. */
  @container (max-width: 34rem) {
    .month-nav {
      gap: var(--_space-xs);
    }

    .month-nav .cop-button {
      padding-inline: var(--_space-s);
    }

    .month-nav__label {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }

  @media (forced-colors: active) {
    .day[aria-selected='true'] {
      outline-color: Highlight;
    }
  }
`;
