/**
 * Watches the host page while hostile input goes through the widgets: anything thrown into the
 * page (a window `error`, an unhandled rejection), anything logged with console.error, and any
 * change to Object.prototype or Array.prototype counts as a problem.
 */
export interface PageGuard {
  /** What went wrong so far, one line each. */
  readonly problems: string[];
  /** Fails with every problem seen, and with any change to the built-in prototypes. */
  assertClean(context?: string): void;
  stop(): void;
}

const prototypeShape = () =>
  [Object.prototype, Array.prototype, Function.prototype]
    .map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))
    .join('|');

export function guardPage(): PageGuard {
  const problems: string[] = [];
  const before = prototypeShape();
  const onError = (event: ErrorEvent) => problems.push(`window error: ${event.message}`);
  const onRejection = (event: PromiseRejectionEvent) => problems.push(`unhandled rejection: ${String(event.reason)}`);
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    problems.push(`console.error: ${args.map(String).join(' ').slice(0, 500)}`);
    consoleError.apply(console, args);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    problems,
    assertClean(context = '') {
      const polluted =
        ({} as Record<string, unknown>).polluted !== undefined ||
        ([] as unknown as Record<string, unknown>).polluted !== undefined;
      if (polluted || prototypeShape() !== before) problems.push('a built-in prototype was changed');
      if (problems.length) throw new Error(`${context}\n${problems.join('\n')}`);
    },
    stop() {
      console.error = consoleError;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}
