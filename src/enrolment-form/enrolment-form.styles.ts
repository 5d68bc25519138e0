import { css } from 'lit';

export const enrolmentFormStyles = css`
  :host {
    --_fieldset-border: var(--cop-enrolment-form-fieldset-border-color, var(--_color-border));
    --_input-border: var(--cop-enrolment-form-input-border-color, var(--_color-border));
    --_error: var(--cop-enrolment-form-error-color, var(--_color-danger));
    --_confirmation-border: var(--cop-enrolment-form-confirmation-border-color, var(--_color-success));
  }

  .title {
    margin: 0 0 var(--_space-s);
    font-size: var(--_heading-font-size-l);
  }

  .status {
    font-weight: 700;
  }

  .fields {
    display: grid;
    gap: var(--_space-s);
  }

  .field {
    display: grid;
    gap: var(--_space-xs);
  }

  .field--check {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: var(--_space-s);
  }

  .field--check .error,
  .field--check .privacy {
    grid-column: 2;
  }

  label {
    font-weight: 600;
  }

  .field--check label {
    font-weight: normal;
  }

  /* The page's own input styles stay outside: these are set here in full. */
  input:not([type='checkbox'], [type='radio']),
  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 2.75rem;
    margin: 0;
    padding: var(--_space-s);
    border: 1px solid var(--_input-border);
    border-radius: var(--_radius);
    background: var(--_color-background);
    color: var(--_color-text);
    font: inherit;
  }

  input[type='checkbox'],
  input[type='radio'] {
    display: inline-block;
    visibility: visible;
    opacity: 1;
    position: static;
    inline-size: 1.5rem;
    block-size: 1.5rem;
    margin: 0;
    accent-color: var(--_color-primary);
    appearance: auto;
  }

  .field--invalid input:not([type='checkbox'], [type='radio']),
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }

  .error {
    margin: 0;
    color: var(--_error);
    font-weight: 700;
  }

  .failure p {
    margin: 0;
  }

  .failure p + p {
    margin-block-start: 0.5em;
  }

  .error::before {
    /* Not by colour alone: a sign in front of every error. */
    content: '⚠ ';
    /* Decorative: the text after it says what is wrong (an empty alternative text keeps screen readers quiet). */
    content: '⚠ ' / '';
  }

  .hint,
  .muted {
    color: var(--_color-text-muted);
    font-weight: normal;
  }

  .hint {
    margin: 0;
  }

  .summary {
    margin-block-end: var(--_space-m);
    padding: var(--_space-m);
    border: 3px solid var(--_error);
    border-radius: var(--_radius);
  }

  .summary__title {
    margin: 0 0 var(--_space-s);
    font-weight: 700;
  }

  .summary a,
  a {
    color: var(--_color-primary);
  }

  .notice {
    padding: var(--_space-m);
    border-inline-start: 0.25rem solid var(--_color-primary);
    background: var(--_color-surface);
  }

  .submit {
    justify-self: start;
  }

  .submit[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }

  .honeypot {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
