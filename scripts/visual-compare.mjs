/**
 * The visual tests' comparison (test/visual): a screenshot of a story against its baseline in
 * test/visual/baselines/<width>/<story-id>.png, with pixelmatch. A screenshot differs when more
 * than MAX_DIFF_RATIO of its pixels differ by more than THRESHOLD (pixelmatch's perceived colour
 * distance, anti-aliasing not counted); then the screenshot and a diff image go to
 * test/visual/failed/ (not in git) for a look. With UPDATE_VISUAL=1 (`npm run test:visual:update`)
 * a baseline that is missing or differs is written instead.
 */
import { mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import UPNG from 'upng-js';

export const BASELINES = 'test/visual/baselines';
export const FAILED = 'test/visual/failed';
/** Per pixel: how far two colours may be apart (0–1, pixelmatch's YIQ distance) and still count as the same. */
const THRESHOLD = 0.1;
/** Per screenshot: the share of pixels that may differ, 0.02 %: a handful, never a moved line of text. */
const MAX_DIFF_RATIO = 0.0002;

/** Lossless, but small: UPNG writes a palette where the image has few colours (most of these). */
const write = (file, png) => {
  mkdirSync(dirname(file), { recursive: true });
  const { buffer, byteOffset, byteLength } = png.data;
  writeFileSync(
    file,
    Buffer.from(UPNG.encode([buffer.slice(byteOffset, byteOffset + byteLength)], png.width, png.height, 0)),
  );
};

/** Compares `screenshot` (PNG bytes) with the baseline `name` ("390/widgets-…--agenda-list"). */
export function compareSnapshot(name, screenshot, { update = process.env.UPDATE_VISUAL === '1' } = {}) {
  const baselineFile = join(BASELINES, `${name}.png`);
  const actual = PNG.sync.read(Buffer.from(screenshot));
  const hint = 'if the change is intended: npm run test:visual:update';
  if (!existsSync(baselineFile)) {
    if (update) return (write(baselineFile, actual), { passed: true, updated: true });
    write(join(FAILED, `${name}.actual.png`), actual);
    return { passed: false, message: `no baseline ${baselineFile} (${hint}); the screenshot is in ${FAILED}` };
  }
  const baseline = PNG.sync.read(readFileSync(baselineFile));
  let message;
  if (baseline.width !== actual.width || baseline.height !== actual.height) {
    message = `size ${actual.width}×${actual.height}, baseline ${baseline.width}×${baseline.height}`;
  } else {
    const diff = new PNG({ width: actual.width, height: actual.height });
    const pixels = pixelmatch(baseline.data, actual.data, diff.data, actual.width, actual.height, {
      threshold: THRESHOLD,
    });
    if (pixels <= MAX_DIFF_RATIO * actual.width * actual.height) return { passed: true, pixels };
    message = `${pixels} pixels differ (${((100 * pixels) / (actual.width * actual.height)).toFixed(3)} %)`;
    if (!update) write(join(FAILED, `${name}.diff.png`), diff);
  }
  if (update) return (write(baselineFile, actual), { passed: true, updated: true });
  write(join(FAILED, `${name}.actual.png`), actual);
  return { passed: false, message: `${name}: ${message} (${hint}); see ${FAILED}/${name}.*.png` };
}

/** Saves a screenshot as `<dir>/<story-id>-<width>.png` (for before-and-after pictures, not compared). */
export function saveSnapshot(dir, name, screenshot) {
  const [width, id] = name.split('/');
  write(join(dir, `${id}-${width}.png`), PNG.sync.read(Buffer.from(screenshot)));
  return { passed: true };
}
