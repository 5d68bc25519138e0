/**
 * A Web Test Runner launcher for WebKit: Debian's WebKitWebDriver (webkit2gtk-driver) starts
 * WebKitGTK's MiniBrowser in automation mode, in a virtual X display (xvfb-run), and we speak
 * plain W3C WebDriver to it over HTTP. That is all @web/test-runner-webdriver would do through
 * webdriverio, without webdriverio's ~150 packages.
 *
 * Each concurrent test file gets a WebDriver session of its own (one driver, one browser window,
 * one display): a window of its own is always the active one, so focus and key events behave
 * as for a visitor. The time zone is the browser process's own (MiniBrowser --time-zone and TZ).
 *
 * The commands the tests use (@web/test-runner-commands: sendKeys, sendMouse, resetMouse,
 * setViewport) are answered here through the WebDriver Actions API and Set Window Rect, which
 * also reach into shadow roots; anything else (emulateMedia, a11ySnapshot) is left to the
 * runner's own plugins, which refuse it for this engine.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** WebDriver key codes for the key names Puppeteer and Playwright take (W3C WebDriver, 17.4.2). */
const KEYS = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: ' ',
  ' ': ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
  Meta: '\uE03D',
};
const BUTTONS = { left: 0, middle: 1, right: 2 };

const key = (name) => {
  if (KEYS[name]) return KEYS[name];
  if ([...name].length === 1) return name;
  throw new Error(`WebKit launcher: no WebDriver code for the key "${name}".`);
};

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** One WebKitWebDriver in its own virtual display, with one session (one MiniBrowser window). */
class Driver {
  constructor(webkit, timeZone) {
    this.webkit = webkit;
    this.timeZone = timeZone;
  }

  async start() {
    this.port = await freePort();
    // Detached: the driver, its display and its browser are one process group, stopped together.
    // Keep the display at 1280 × 1024: on a larger one (2560 × 1600 was tried) WebKitGTK stops
    // matching :focus-visible after a focus() from script. A window may be larger than the display.
    this.process = spawn(
      this.webkit.xvfbRun,
      ['-a', '-s', '-screen 0 1280x1024x24', this.webkit.driver, `--port=${this.port}`],
      {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, TZ: this.timeZone },
      },
    );
    let stderr = '';
    this.process.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const exited = new Promise((_, reject) =>
      this.process.once('exit', (code) => reject(new Error(`WebKitWebDriver exited with ${code}: ${stderr}`))),
    );
    exited.catch(() => {});
    const started = Date.now();
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${this.port}/status`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() - started > 60_000) throw new Error(`WebKitWebDriver did not answer within 60 s: ${stderr}`);
      await Promise.race([sleep(100), exited]);
    }
    const session = await this.request('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          // Navigation returns at once; the test page reports to the runner over its web socket.
          pageLoadStrategy: 'none',
          'webkitgtk:browserOptions': {
            binary: this.webkit.miniBrowser,
            args: ['--automation', `--time-zone=${this.timeZone}`],
          },
        },
      },
    });
    this.sessionId = session.sessionId;
    // The viewport Puppeteer gives Chromium and Firefox: 800 × 600.
    await this.setViewport({ width: 800, height: 600 });
  }

  async request(method, path, body) {
    const response = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok)
      throw new Error(
        `WebDriver ${method} ${path}: ${answer.value?.error ?? response.status} ${answer.value?.message ?? ''}`,
      );
    return answer.value;
  }

  command(method, path, body) {
    return this.request(method, `/session/${this.sessionId}${path}`, body);
  }

  navigate(url) {
    return this.command('POST', '/url', { url });
  }

  execute(script, args = []) {
    return this.command('POST', '/execute/sync', { script, args });
  }

  /** Waits until the page that navigate() asked for has loaded (navigation returns at once). */
  async loaded(url) {
    const started = Date.now();
    for (;;) {
      const state = await this.execute('return [location.href, document.readyState]').catch(() => undefined);
      if (state?.[0] === url && state[1] === 'complete') return;
      if (Date.now() - started > 30_000) throw new Error(`WebKit did not load ${url} within 30 s`);
      await sleep(50);
    }
  }

  actions(actions) {
    return this.command('POST', '/actions', { actions });
  }

  keys(keyActions) {
    return this.actions([{ type: 'key', id: 'keyboard', actions: keyActions }]);
  }

  pointer(pointerActions) {
    return this.actions([
      { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: pointerActions },
    ]);
  }

  /**
   * Sets the window so that its viewport (not its outer size, toolbar included) is the size asked
   * for. The window manager applies a new size a little later than WebDriver answers, and now and
   * then not at all (seen on CI going from 1920 × 1080 down to 800 × 600): wait for it, ask again.
   */
  async setViewport({ width, height }) {
    let given = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const [innerWidth, innerHeight] = await this.execute('return [innerWidth, innerHeight]');
      if (innerWidth === width && innerHeight === height) return;
      const rect = await this.command('GET', '/window/rect');
      await this.command('POST', '/window/rect', {
        width: width + rect.width - innerWidth,
        height: height + rect.height - innerHeight,
      });
      const started = Date.now();
      while (Date.now() - started < 1_000) {
        given = await this.execute('return [innerWidth, innerHeight]');
        if (given[0] === width && given[1] === height) return;
        await sleep(50);
      }
    }
    throw new Error(`WebKit's window cannot give a ${width} × ${height} viewport (it gave ${given[0]} × ${given[1]}).`);
  }

  async stop() {
    await this.request('DELETE', `/session/${this.sessionId}`).catch(() => {});
    try {
      process.kill(-this.process.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

export class WebKitLauncher {
  name = 'WebKit';
  type = 'webdriver';

  /** @param {{ webkit: { driver: string, miniBrowser: string, xvfbRun: string }, timeZone: string, concurrency?: number }} options */
  constructor({ webkit, timeZone, concurrency }) {
    this.webkit = webkit;
    this.timeZone = timeZone;
    this.concurrency = concurrency;
    /** @type {Driver[]} */
    this.idle = [];
    /** @type {Set<Driver>} */
    this.all = new Set();
    /** @type {Map<string, { driver: Driver, url: string }>} */
    this.active = new Map();
  }

  async initialize(config) {
    this.config = config;
    // The runner's own command plugins come first and answer only Puppeteer and Playwright in
    // full (setViewport not at all for WebDriver); ours answers this launcher's sessions first.
    config.plugins.unshift(this.commandsPlugin());
  }

  async startSession(sessionId, url) {
    let driver = this.idle.pop();
    if (!driver) {
      driver = new Driver(this.webkit, this.timeZone);
      this.all.add(driver);
      await driver.start();
    }
    this.active.set(sessionId, { driver, url });
    await driver.navigate(url);
  }

  isActive(sessionId) {
    return this.active.has(sessionId);
  }

  getBrowserUrl(sessionId) {
    return this.active.get(sessionId)?.url;
  }

  async stopSession(sessionId) {
    const entry = this.active.get(sessionId);
    if (!entry) throw new Error(`No WebKit page for session ${sessionId}`);
    this.active.delete(sessionId);
    // An empty page stops whatever the test page still runs; the window then takes the next
    // file, at the size every file starts with.
    await entry.driver.navigate('about:blank');
    await entry.driver.loaded('about:blank');
    await entry.driver.setViewport({ width: 800, height: 600 });
    this.idle.push(entry.driver);
    return {};
  }

  async startDebugSession() {
    throw new Error(
      'Debugging in WebKit is not supported: run `npx web-test-runner --manual` and open the URL in a browser.',
    );
  }

  async stop() {
    await Promise.all([...this.all].map((driver) => driver.stop()));
    this.all.clear();
    this.idle = [];
  }

  driverFor(sessionId) {
    const entry = this.active.get(sessionId);
    if (!entry) throw new Error(`No WebKit page for session ${sessionId}`);
    return entry.driver;
  }

  commandsPlugin() {
    return {
      name: 'webkit-webdriver-commands',
      executeCommand: async ({ command, payload, session }) => {
        if (session.browser !== this) return undefined;
        const driver = this.driverFor(session.id);
        switch (command) {
          case 'send-keys': {
            if ('type' in payload)
              return driver
                .keys(
                  [...payload.type].flatMap((c) => [
                    { type: 'keyDown', value: c },
                    { type: 'keyUp', value: c },
                  ]),
                )
                .then(() => true);
            if ('press' in payload) {
              // "Shift+Tab" as Playwright writes it: modifiers down, the key, modifiers up.
              const parts = payload.press.split('+').filter(Boolean).map(key);
              const down = parts.map((value) => ({ type: 'keyDown', value }));
              const up = parts.toReversed().map((value) => ({ type: 'keyUp', value }));
              return driver.keys([...down, ...up]).then(() => true);
            }
            if ('down' in payload) return driver.keys([{ type: 'keyDown', value: key(payload.down) }]).then(() => true);
            if ('up' in payload) return driver.keys([{ type: 'keyUp', value: key(payload.up) }]).then(() => true);
            throw new Error('send-keys takes type, press, down or up.');
          }
          case 'send-mouse': {
            const button = BUTTONS[payload.button ?? 'left'];
            const move = () => ({
              type: 'pointerMove',
              duration: 0,
              origin: 'viewport',
              x: Math.round(payload.position[0]),
              y: Math.round(payload.position[1]),
            });
            const steps = {
              move: () => [move()],
              click: () => [move(), { type: 'pointerDown', button }, { type: 'pointerUp', button }],
              down: () => [{ type: 'pointerDown', button }],
              up: () => [{ type: 'pointerUp', button }],
            }[payload.type];
            if (!steps) throw new Error(`send-mouse: unknown type ${payload.type}`);
            return driver.pointer(steps()).then(() => true);
          }
          case 'reset-mouse':
            await driver.command('DELETE', '/actions');
            return driver
              .pointer([{ type: 'pointerMove', duration: 0, origin: 'viewport', x: 0, y: 0 }])
              .then(() => true);
          case 'set-viewport':
            return driver.setViewport(payload).then(() => true);
          default:
            return undefined;
        }
      },
    };
  }
}

export const webkitLauncher = (options) => new WebKitLauncher(options);
