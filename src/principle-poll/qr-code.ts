/**
 * The join link as a QR code, drawn as SVG in the page: no image service, no request. Its own
 * chunk (with the `qr` package, about 6 KB gzip): only the projector view loads it.
 */
import encodeQR from 'qr';
import { svg, type SVGTemplateResult } from 'lit';

/**
 * One path of dark modules on a light square, with a quiet zone of four modules (what scanners
 * expect). Error correction `medium` (15 %): robust on a projector, still few modules.
 */
export function qrCode(text: string): SVGTemplateResult {
  const modules = encodeQR(text, 'raw', { ecc: 'medium', border: 4 });
  const size = modules.length;
  let d = '';
  modules.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
  return svg`<svg class="qr__code" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" aria-hidden="true" focusable="false">
    <rect width=${size} height=${size} fill="#fff"></rect>
    <path d=${d} fill="#000"></path>
  </svg>`;
}
