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

  legend {
    padding: 0 var(--_space-xs);
    font-weight: 700;
  }
`;
