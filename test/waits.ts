/**
 * How long a browser test waits for something the page, the server or the network brings.
 *
 * A wait is there to stop a test that would otherwise never end, not to measure speed (the
 * benchmarks do that): a machine under load (a CI host running other jobs, three engines side by
 * side on two cores) takes many times longer than an idle one, and a wait that runs out there
 * says nothing about the widgets. So waits are generous; a test that passes still ends as soon
 * as what it waits for is there, and one that fails still fails.
 */
export const WAIT = { timeout: 20_000 };
