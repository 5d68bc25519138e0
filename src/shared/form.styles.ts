import { css } from 'lit';

/** Forms and fieldsets as the enrolment form and the poll both lay them out. */
export const formStyles = css`
  form {
    display: grid;
    gap: var(--_space-m);
  }

  fieldset {
    display: grid;
    gap: var(--_space-s);
    margin: 0;
    padding: var(--_space-m);
    border: 1px solid var(--_fieldset-border, var(--_color-border));
    border-radius: var(--_radius);
    min-inline-size: 0;
  }

  /* Floated, the legend leaves the border and becomes the fieldset's first row: a long one wraps
     inside the box instead of breaking the top border. Screen readers still name the group by it.
     The grid stretches it across the row (a width of 100% made WebKit's column as wide as the
     legend's text on one line). */
  legend {
    float: left;
    padding: 0;
    font-weight: 700;
  }

  /* What the server said after a submit: a box edged in the success colour. */
  .confirmation {
    display: grid;
    gap: var(--_space-s);
    justify-items: start;
    padding: var(--_space-m);
    border-inline-start: 0.25rem solid var(--_confirmation-border, var(--_color-success));
    background: var(--_color-surface);
  }

  /* A secondary action that reads as a link: "Stem wijzigen", "Nog een team aanmelden". */
  .link-button {
    padding: var(--_space-xs) 0;
    border: 0;
    background: none;
    color: var(--_color-primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
  }
`;
