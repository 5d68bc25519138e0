/** A municipality of the CBS 2025 division: `{ code: 'GM0228', name: 'Ede', region: 'JZ21' }`. */
export interface Gemeente {
  /** CBS code, `GM` and four digits. */
  code: string;
  /** CBS name exactly: `'s-Hertogenbosch`, `Súdwest-Fryslân`, `Bergen (NH.)`. */
  name: string;
  /** CBS code of its youth-care region, as in jeugdregio-2025.topojson.js. */
  region: string;
}

declare const gemeenten: Gemeente[];
export default gemeenten;
