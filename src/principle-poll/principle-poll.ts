import { CopPrinciplePoll } from './principle-poll.component.js';

export { CopPrinciplePoll };

CopPrinciplePoll.define('cop-principle-poll');

declare global {
  interface HTMLElementTagNameMap {
    'cop-principle-poll': CopPrinciplePoll;
  }
}
