/**
 * On a partner page of the embed tests (web-test-runner.config.mjs, partnerSites): reports to the
 * test in the parent frame what the page shows, every 200 ms: whether the widget is defined, its
 * text, its error messages, and every Content-Security-Policy violation. On `{ action: 'vote' }`
 * it rates the poll's first principle and sends the vote, as a visitor would.
 */
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});

const widget = () =>
  document.querySelector('cop-session-calendar, cop-enrolment-form, cop-region-map, cop-principle-poll');

setInterval(() => {
  const el = widget();
  const root = el && el.shadowRoot;
  parent.postMessage(
    {
      partner: location.origin,
      defined: Boolean(el && customElements.get(el.localName)),
      // A form to send (the poll's vote, the enrolment): the widget read what it needs from the server.
      ready: Boolean(root && root.querySelector('button[type="submit"]')),
      text: root ? root.textContent.replace(/\s+/g, ' ').trim() : '',
      errors: root ? [...root.querySelectorAll('[role="alert"]')].map((node) => node.textContent.trim()) : [],
      violations,
    },
    '*',
  );
}, 200);

addEventListener('message', (event) => {
  if (!event.data || event.data.action !== 'vote') return;
  const root = widget().shadowRoot;
  root.querySelector('input[type="radio"][value="4"]').click();
  root.querySelector('button[type="submit"]').click();
});
