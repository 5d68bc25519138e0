export * from './schema.js';
export { FeedError, type FeedErrorKind } from './errors.js';
export { describeIssue, formatPath, issueText, toFeedIssues, type FeedIssue } from './issues.js';
export { parseFeed } from './parse.js';
export { loadFeed, clearFeedCache, absoluteUrl, DEFAULT_TIMEOUT_MS, type LoadFeedOptions } from './loader.js';
export { JEUGDREGIO_CODES, unknownRegionCodes } from './regions.js';
