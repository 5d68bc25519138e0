import { CopEnrolmentForm } from './enrolment-form.component.js';

export { CopEnrolmentForm };

CopEnrolmentForm.define('cop-enrolment-form');

declare global {
  interface HTMLElementTagNameMap {
    'cop-enrolment-form': CopEnrolmentForm;
  }
}
