import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import type { Feed } from '../../src/core/feed.js';
import { CopElement } from '../../src/shared/cop-element.js';
import { widgetMessages } from '../../src/shared/messages.js';
import { minimalFeed } from '../fixtures.js';

/** A widget whose English we hand over by hand, to see what it shows while English is on its way. */
let deliverEnglish: (texts: { greeting: { hello: string } }) => void = () => {};
let failEnglish: (error: Error) => void = () => {};
const greetingMessages = () =>
  widgetMessages(
    { greeting: { hello: 'Hallo' } },
    () =>
      new Promise((resolve, reject) => {
        deliverEnglish = resolve;
        failEnglish = reject;
      }),
  );
let messages = greetingMessages();

class GreetingWidget extends CopElement {
  protected override get t() {
    return this.messages(messages);
  }
  protected override renderFeed(_feed: Feed) {
    return litHtml`<p>${this.t.greeting.hello}, ${this.t.session.locationUnknown}</p>`;
  }
}
GreetingWidget.define('cop-test-greeting');

const shadowText = (el: Element) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('i18n: a widget fetches its English on demand', () => {
  beforeEach(() => (messages = greetingMessages()));

  it('shows Dutch at once, without fetching English', async () => {
    const el = await fixture<GreetingWidget>(html`<cop-test-greeting .feed=${minimalFeed()}></cop-test-greeting>`);
    expect(shadowText(el)).to.equal('Hallo, Locatie volgt');
    expect(messages.get('en'), 'English was never asked for').to.equal(undefined);
  });

  it('shows an empty, busy box until English arrives, never Dutch, then English', async () => {
    const el = fixtureSync<GreetingWidget>(
      html`<cop-test-greeting lang="en" .feed=${minimalFeed()}></cop-test-greeting>`,
    );
    const complete = el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shadowText(el)).to.equal('');
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).not.to.equal(null);
    deliverEnglish({ greeting: { hello: 'Hello' } });
    await complete;
    expect(shadowText(el)).to.equal('Hello, Location to be announced');
  });

  it('falls back to Dutch, with a console warning, when the English file cannot be fetched', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const el = fixtureSync<GreetingWidget>(
        html`<cop-test-greeting lang="en" .feed=${minimalFeed()}></cop-test-greeting>`,
      );
      const complete = el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 20));
      failEnglish(new TypeError('Failed to fetch dynamically imported module'));
      await complete;
      expect(shadowText(el)).to.equal('Hallo, Locatie volgt');
      expect(String(warnings[0])).to.contain('English texts could not be loaded');
    } finally {
      console.warn = warn;
    }
  });
});
