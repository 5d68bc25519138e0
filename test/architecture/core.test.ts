/**
 * src/core runs in Node as it does in a browser: the server imports it, so no module may touch
 * the DOM, not even while it loads. Each module is loaded here, in Node, where there is no
 * `document`, and the loader fetches a feed from an absolute URL.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const CORE = new URL('../../src/core/', import.meta.url);

describe('src/core in Node', () => {
  it('loads every module without a DOM', async () => {
    assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined', 'no DOM in this process');
    const modules = readdirSync(CORE).filter((file) => file.endsWith('.ts'));
    assert.ok(modules.length >= 12, modules.join(', '));
    for (const file of modules) await import(pathToFileURL(new URL(file, CORE).pathname).href);
  });

  it('loads and checks a feed from an absolute URL, and says which field is wrong in a bad one', async () => {
    const { loadFeed, FeedError } = await import('../../src/core/feed.js');
    const feed = {
      version: 1,
      programme: {
        id: 'node',
        title: 'In Node',
        organiser: 'NJi',
        timeZone: 'Europe/Amsterdam',
        contact: { name: 'An', email: 'an@example.org' },
      },
      sessions: [{ id: 's1', title: 'Start', start: '2027-03-01T13:00:00+01:00', end: '2027-03-01T17:00:00+01:00' }],
    };
    const url = (data: unknown) => `data:application/json,${encodeURIComponent(JSON.stringify(data))}`;
    assert.equal((await loadFeed(url(feed))).programme.title, 'In Node');
    const broken = { ...feed, sessions: [{ ...feed.sessions[0], end: '2027-03-01T12:00:00+01:00' }] };
    await assert.rejects(loadFeed(url(broken)), (error: unknown) => {
      assert.ok(error instanceof FeedError);
      assert.equal(error.kind, 'schema');
      assert.match(error.describe('nl').join('\n'), /sessions\[0\]\.end ligt vóór of op start/);
      return true;
    });
  });
});
