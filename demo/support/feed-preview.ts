import { html } from 'lit';
import type { Feed } from '../../src/core/feed.js';
import { CopElement } from '../../src/shared/cop-element.js';
import { formatSessionWhen } from '../../src/core/datetime.js';

/**
 * Demo and Storybook only: the smallest widget on the shared base, to show the states every widget
 * inherits (loading, error, no feed) and how a feed's dates come out in Amsterdam time.
 *
 * @tag cop-feed-preview
 */
export class CopFeedPreview extends CopElement {
  protected override renderFeed(feed: Feed) {
    if (feed.sessions.length === 0) return this.renderEmpty();
    return html`<h2>${feed.programme.title}</h2>
      <ul>
        ${feed.sessions.map((s) => html`<li>${formatSessionWhen(s.start, s.end, this.language)} — ${s.title}</li>`)}
      </ul>`;
  }
}

CopFeedPreview.define('cop-feed-preview');

declare global {
  interface HTMLElementTagNameMap {
    'cop-feed-preview': CopFeedPreview;
  }
}
