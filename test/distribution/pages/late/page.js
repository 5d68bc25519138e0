// Nothing happens at first: the loader sees no cop-widgets tag, so it fetches nothing.
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// 1. A framework renders a calendar a moment after the page loaded.
await wait(300);
const calendar = document.createElement('cop-session-calendar');
calendar.setAttribute('src', '/feeds/partner-programme.json');
document.getElementById('later').append(calendar);

// 2. The page's own component, defined later still (its code arrived late), renders a map into
//    its open shadow root after it connects.
await wait(300);
customElements.define(
  'partner-panel',
  class extends HTMLElement {
    connectedCallback() {
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      setTimeout(() => {
        const map = document.createElement('cop-region-map');
        map.setAttribute('src', '/feeds/partner-programme.json');
        root.append(map);
      }, 100);
    }
  },
);
document.addEventListener('cop-region-select', (event) => {
  document.getElementById('chosen').textContent =
    `${event.detail.regionCode} ${event.detail.facilitatorId ?? ''}`.trim();
});

// 3. A closed shadow root the loader cannot look into: the page hands it over.
const closed = document.getElementById('closed-host').attachShadow({ mode: 'closed' });
const poll = document.createElement('cop-principle-poll');
poll.setAttribute('src', '/api/programmes/partner-programme/feed');
closed.append(poll);
const { discover } = await import('/static/cop-widgets/cop-widgets.js');
discover(closed);
// For the test: what the poll shows, read through the page's own reference to its closed root.
window.closedPoll = () => poll.shadowRoot?.textContent ?? '';
