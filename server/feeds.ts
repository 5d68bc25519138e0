import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeIssue } from '../src/core/issues.js';
import { FeedError, parseFeed, type Feed } from '../src/core/feed.js';

/**
 * Reads every `*.json` in a folder as a feed, validated with the widgets' own schema. A bad
 * file stops the server at start-up with a message naming the file and each wrong field:
 * better than serving a feed that every widget would refuse.
 */
export async function loadFeeds(dir: string): Promise<Map<string, Feed>> {
  const feeds = new Map<string, Feed>();
  const problems: string[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
    const path = join(dir, file);
    try {
      const feed = parseFeed(JSON.parse(await readFile(path, 'utf8')), path);
      if (feeds.has(feed.programme.id))
        problems.push(`${path}: programme.id "${feed.programme.id}" is used by another feed too`);
      feeds.set(feed.programme.id, feed);
    } catch (error) {
      if (error instanceof FeedError)
        problems.push(`${path}:\n  ${error.issues.map((issue) => describeIssue(issue, 'en')).join('\n  ')}`);
      else problems.push(`${path}: not valid JSON (${(error as Error).message})`);
    }
  }
  if (problems.length) throw new Error(`Invalid feed files in ${dir}:\n${problems.join('\n')}`);
  return feeds;
}
