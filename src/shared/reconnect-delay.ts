/**
 * The wait before a live stream's next connection attempt after `failures` failed ones: `firstMs`
 * doubling up to `maxMs`, ±25 % so a room full of phones does not reconnect in step.
 */
export const reconnectDelay = (failures: number, firstMs: number, maxMs: number): number =>
  Math.min(maxMs, firstMs * 2 ** failures) * (0.75 + Math.random() / 2);
