import { setViewport } from '@web/test-runner-commands';

/** Whether this is WebKit (WebKitGTK's MiniBrowser in the tests), not a Chromium that says AppleWebKit too. */
export const isWebKit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome\//.test(navigator.userAgent);

/**
 * WebKitGTK's test browser cannot make its window narrower than 447 px (its toolbar): there a
 * phone-width check runs at that width, the narrowest WebKit gives; Chromium and Firefox give
 * the width asked for.
 */
const NARROWEST = isWebKit ? 447 : 0;

/** Sets a phone-sized viewport, as narrow as the engine allows; returns the width it has. */
export async function phoneViewport(width: number, height: number): Promise<number> {
  const given = Math.max(width, NARROWEST);
  await setViewport({ width: given, height });
  return given;
}
