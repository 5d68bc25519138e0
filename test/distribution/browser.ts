/**
 * Headless Chromium (puppeteer-core, the machine's Chromium) for the distribution tests, with
 * every page watched for what a webmaster would see in the console: errors, uncaught
 * exceptions, failed requests and Content-Security-Policy violations.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_FLAGS, findChromium } from '../../scripts/find-chromium.mjs';

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: set CHROME_PATH or run `apt-get install -y chromium`.');
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, uncaught exceptions, failed requests and CSP violations, each once, with a count when repeated. */
  problems(): string[];
  /** Console warnings, e.g. a second copy of the bundle declining to register a tag. */
  warnings: string[];
  close(): Promise<void>;
}

/** Opens `url` in a fresh context (no shared storage) and records what goes wrong on it. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1024, height: 900 },
): Promise<WatchedPage> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  // Not the programme's zone, so a time shown right proves the widgets' Europe/Amsterdam conversion.
  await page.emulateTimezone('America/New_York');
  const seen = new Map<string, number>();
  const problem = (text: string) => seen.set(text, (seen.get(text) ?? 0) + 1);
  const problems = () => [...seen].map(([text, count]) => (count > 1 ? `${text} (${count}×)` : text));
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problem(`console error: ${message.text()} (${message.location().url ?? ''})`);
    if (message.type() === 'warn') warnings.push(message.text());
  });
  page.on('pageerror', (error) => problem(`uncaught: ${(error as Error).message ?? String(error)}`));
  page.on('requestfailed', (request) => {
    // A stream or fetch the page cancels itself on leaving is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problem(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  // Reported by the page itself, also for violations inside shadow roots; the binding is not subject to the page's CSP.
  await page.exposeFunction('__copReportViolation', (text: string) => problem(`CSP violation: ${text}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __copReportViolation(text: string): void }).__copReportViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} (${event.sample})`,
      );
    });
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, warnings, close: () => context.close() };
}

/** The visible text inside a host's shadow root, whitespace collapsed. */
export async function shadowText(page: Page, host: string): Promise<string> {
  return page.$eval(host, (el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** Waits until the shadow root of `host` contains `text`. */
export async function waitForShadowText(page: Page, host: string, text: string, timeout = 10_000): Promise<void> {
  try {
    await page.waitForFunction(
      (selector, wanted) =>
        (document.querySelector(selector)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(wanted),
      { timeout },
      host,
      text,
    );
  } catch {
    throw new Error(
      `"${text}" did not appear in ${host}; it shows: ${await shadowText(page, host).catch(() => '(nothing)')}`,
    );
  }
}

/** Number of elements matching `inner` in the shadow root of `host`. */
export async function countInShadow(page: Page, host: string, inner: string): Promise<number> {
  return page.$eval(host, (el, selector) => el.shadowRoot?.querySelectorAll(selector).length ?? 0, inner);
}
