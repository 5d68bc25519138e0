import type { Session } from './schema.js';

/** Where a session is, on one line: "Jaarbeurs, Utrecht"; empty when not yet known. */
export function locationText(session: Session): string {
  const { location } = session;
  if (!location) return '';
  return [location.name, location.address].filter(Boolean).join(', ');
}
