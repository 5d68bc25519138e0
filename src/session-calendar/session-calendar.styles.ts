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
    font-size: 1.25em;
    font-weight: 700;
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
    border-inline-start-width: 0.25rem;
    border-radius: var(--_radius);
    background: var(--_session-background);
    /* Long programmes: cards off screen skip layout and paint until scrolled near (measured in npm run bench). */
    content-visibility: auto;
    contain-intrinsic-size: auto 12rem;
  }

  .session__date {
    margin: 0;
    color: var(--_date-color);
    font-weight: 700;
  }

  .session__title {
    margin: var(--_space-xs) 0;
    font-size: 1.125em;
    font-weight: 700;
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

  .month-nav {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s);
  }

  .month-nav__title {
    flex: 1 1 10rem;
    margin: 0;
    text-align: center;
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
    block-size: 5rem;
    padding: var(--_space-xs);
    border: 1px solid var(--_color-border);
    vertical-align: top;
    cursor: pointer;
    overflow: hidden;
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

  .day__number {
    display: inline-grid;
    place-items: center;
    min-inline-size: 1.75em;
    min-block-size: 1.75em;
    font-weight: 700;
  }

  .day__session {
    display: block;
    overflow: hidden;
    font-size: 0.8125em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  @media (forced-colors: active) {
    .day[aria-selected='true'] {
      outline-color: Highlight;
    }
  }
`;
