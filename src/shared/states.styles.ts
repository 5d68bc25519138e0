import { css } from 'lit';

export const stateStyles = css`
  .state {
    /* Reserves the space the widget is likely to need, so loading never makes the page jump. */
    min-block-size: var(--cop-state-min-block-size, 6rem);
    padding: var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }

  .state--loading {
    display: flex;
    align-items: center;
    justify-content: center;
    color: var(--_color-text-muted);
  }

  .state--error {
    border-inline-start: 0.25rem solid var(--_color-danger);
  }

  .state__title {
    margin: 0 0 var(--_space-s);
    font-weight: 700;
  }

  .state__list {
    margin: var(--_space-s) 0;
    padding-inline-start: var(--_space-l);
    overflow-wrap: anywhere;
  }

  .state__list code {
    font-family: ui-monospace, monospace;
  }
`;
