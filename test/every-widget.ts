import { html, type TemplateResult } from 'lit';
import '../src/enrolment-form/enrolment-form.js';
import '../src/principle-poll/principle-poll.js';
import '../src/region-map/region-map.js';
import '../src/session-calendar/session-calendar.js';
import { demoFeedUrl } from './fixtures.js';
import { feedUrl } from './reference-server.js';

/**
 * Each widget as a visitor first sees it, on a feed that shows its main content, and the selector
 * (in its shadow root) that appears once that content is there: for tests that go through all four.
 */
export const EVERY_WIDGET: ReadonlyArray<{ tag: string; render: () => TemplateResult; ready: string }> = [
  {
    tag: 'cop-session-calendar',
    render: () => html`<cop-session-calendar src=${demoFeedUrl('cop-monitoring')}></cop-session-calendar>`,
    ready: '[part="session"]',
  },
  {
    tag: 'cop-enrolment-form',
    render: () => html`<cop-enrolment-form src=${demoFeedUrl('bindende-afspraken')}></cop-enrolment-form>`,
    ready: 'form',
  },
  {
    tag: 'cop-region-map',
    render: () => html`<cop-region-map src=${demoFeedUrl('cop-jeugdstelsel')} region="JZ21"></cop-region-map>`,
    ready: 'svg.map .region--covered',
  },
  {
    // An open poll on the test reference server: the voting form.
    tag: 'cop-principle-poll',
    render: () => html`<cop-principle-poll src=${feedUrl('poll-open')}></cop-principle-poll>`,
    ready: 'form',
  },
];
