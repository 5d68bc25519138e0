// The partner's own script: it lists what the widgets report, as a page would send it to its analytics.
const list = document.getElementById('events');
for (const type of [
  'cop-session-select',
  'cop-enrolment-submit',
  'cop-vote-submit',
  'cop-region-select',
  'cop-feed-error',
]) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent =
      `${type} ${event.detail.status ?? event.detail.regionCode ?? event.detail.sessionId ?? event.detail.ratings ?? ''}`.trim();
    list.append(item);
    if (type === 'cop-region-select')
      document.getElementById('chosen').textContent =
        `${event.detail.regionCode} ${event.detail.facilitatorId ?? ''}`.trim();
  });
}
