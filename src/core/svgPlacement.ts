import type { ViewTransform } from './diagramProtocol';

/**
 * A mermaid SVG sized to its viewBox and moved by `view`, as the webview's pan/zoom would show it.
 * The host puts the cached SVG of an unchanged file into the page this way, so it is painted with
 * the page itself, in place, before any script has run.
 */
export function placeSvg(svg: string, view: ViewTransform): string | undefined {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return undefined;
  const box = /\bviewBox="([-\d.e]+)[ ,]+([-\d.e]+)[ ,]+([-\d.e]+)[ ,]+([-\d.e]+)"/.exec(open[0]);
  if (!box) return undefined;
  const [width, height] = [Number(box[3]), Number(box[4])];
  if (!(width > 0 && height > 0) || ![view.x, view.y, view.k].every(Number.isFinite)) return undefined;
  const tag = open[0]
    .replace(/\s(width|height|style)="[^"]*"/g, '')
    .replace(/^<svg\b/, `<svg width="${width}" height="${height}" style="max-width: none; transform: translate(${view.x}px, ${view.y}px) scale(${view.k});"`);
  return tag + svg.slice(open[0].length);
}
