import { html, type TemplateResult } from 'lit';
import type { SharedMessages } from '../core/messages.js';

/**
 * A link that opens in a new window (calendar services, a privacy statement) and says so: to
 * screen readers in words, to everyone with an arrow (WCAG 3.2.5, technique G201).
 */
export const newWindowLink = (
  href: string,
  label: unknown,
  t: Pick<SharedMessages, 'states'>,
  className?: string,
): TemplateResult =>
  html`<a class=${className ?? ''} href=${href} target="_blank" rel="noopener"
    >${label}<span aria-hidden="true"> ↗</span><span class="visually-hidden"> (${t.states.newWindow})</span></a
  >`;
