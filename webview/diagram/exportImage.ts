import type { ExportBackground, ExportFormat } from '../../src/core/diagramProtocol';

/**
 * The rendered diagram as a standalone SVG document: our editing decorations removed, its
 * natural size, and the editor's background colour behind it when asked for.
 */
export function standaloneSvg(svg: SVGSVGElement, background: ExportBackground): { text: string; width: number; height: number } {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  for (const hit of Array.from(copy.querySelectorAll('.edge-hit'))) hit.remove();
  for (const element of Array.from(copy.querySelectorAll('[tabindex], .sd-selected, .sd-connect-source'))) {
    element.removeAttribute('tabindex');
    element.removeAttribute('role');
    element.classList.remove('sd-selected', 'sd-connect-source');
  }
  const box = svg.viewBox.baseVal;
  const width = Math.ceil(box?.width || svg.getBoundingClientRect().width);
  const height = Math.ceil(box?.height || svg.getBoundingClientRect().height);
  copy.removeAttribute('style');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (background === 'theme') {
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('x', String(box?.x ?? 0));
    rect.setAttribute('y', String(box?.y ?? 0));
    rect.setAttribute('width', String(width));
    rect.setAttribute('height', String(height));
    rect.setAttribute('fill', themeBackground());
    copy.insertBefore(rect, copy.firstChild);
  }
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** SVG text, or a PNG as a `data:` URL drawn at twice the natural size for sharp text. */
export async function exportDiagram(svg: SVGSVGElement, format: ExportFormat, background: ExportBackground): Promise<string> {
  const { text, width, height } = standaloneSvg(svg, background);
  if (format === 'svg') return text;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, width * scale);
  canvas.height = Math.max(1, height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return canvas.toDataURL('image/png');
}

/** The editor background; without one (transparent), the usual background of the theme kind. */
function themeBackground(): string {
  const color = getComputedStyle(document.body).backgroundColor;
  if (color && !/^rgba\(.*,\s*0\)$/.test(color) && color !== 'transparent') return color;
  const classes = document.body.classList;
  return classes.contains('vscode-dark') || classes.contains('vscode-high-contrast') ? '#1e1e1e' : '#ffffff';
}
