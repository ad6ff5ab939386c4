// Mermaid for our read-only pages (Markdown previews, the incident drill): loaded on first use, in the
// VS Code colour theme, with mermaid's strict security level, and a cache so a page update only draws
// what changed. The diagram editor configures mermaid its own way (size limit, error banner).
import type { Mermaid } from 'mermaid';
import { mermaidThemeConfig, type ThemeKind } from './diagram/theme';

let mermaidPromise: Promise<Mermaid> | undefined;
let configuredTheme: ThemeKind | undefined;
let counter = 0;
/** Rendered SVG per theme and source. */
const cache = new Map<string, string>();

/** The SVG of `source` in `theme`; throws mermaid's error when the source does not parse. */
export async function mermaidSvg(source: string, theme: ThemeKind, idPrefix: string): Promise<string> {
  const key = `${theme}\n${source}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  mermaidPromise ??= import('mermaid').then((module) => module.default);
  const mermaid = await mermaidPromise;
  if (theme !== configuredTheme) {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, ...mermaidThemeConfig(theme) });
    configuredTheme = theme;
  }
  const { svg } = await mermaid.render(`${idPrefix}-${++counter}`, source);
  cache.set(key, svg);
  return svg;
}
