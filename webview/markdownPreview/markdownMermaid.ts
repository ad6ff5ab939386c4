// Renders ```mermaid blocks of a Markdown preview as diagrams, in the VS Code colour theme, with
// mermaid's strict security level. Loaded on demand by loader.ts.
import type { Mermaid } from 'mermaid';
import { describeMermaidError } from '../diagram/mermaidErrors';
import { currentThemeKind, mermaidThemeConfig, type ThemeKind } from '../diagram/theme';

const CONTAINER_CLASS = 'sdcoach-mermaid';
let mermaidPromise: Promise<Mermaid> | undefined;
let configuredTheme: ThemeKind | undefined;
let counter = 0;
let running: Promise<void> = Promise.resolve();
/** Rendered SVG per theme and source, so a preview update re-renders only what changed. */
const cache = new Map<string, string>();

function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import('mermaid').then((module) => module.default);
  return mermaidPromise;
}

async function renderAll(): Promise<void> {
  const blocks = [...document.querySelectorAll<HTMLElement>('pre > code.language-mermaid')];
  if (!blocks.length) return;
  const mermaid = await loadMermaid();
  const theme = currentThemeKind(document.body);
  if (theme !== configuredTheme) {
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, ...mermaidThemeConfig(theme) });
    configuredTheme = theme;
  }
  for (const code of blocks) {
    const pre = code.parentElement as HTMLElement;
    const source = code.textContent ?? '';
    let container = pre.previousElementSibling as HTMLElement | null;
    if (!container?.classList.contains(CONTAINER_CLASS)) {
      container = document.createElement('div');
      container.className = CONTAINER_CLASS;
      container.setAttribute('role', 'img');
      pre.before(container);
    }
    const key = `${theme}\n${source}`;
    if (container.dataset.key === key) continue;
    container.dataset.key = key;
    try {
      let svg = cache.get(key);
      if (svg === undefined) {
        svg = (await mermaid.render(`sdcoach-mermaid-${++counter}`, source)).svg;
        cache.set(key, svg);
      }
      container.innerHTML = svg; // mermaid's strict mode has sanitised the labels
      container.classList.remove('sdcoach-mermaid-error');
      pre.hidden = true;
    } catch (error) {
      // Keep the source visible under a one-line explanation.
      const { message, line } = describeMermaidError(error, source);
      container.textContent = line === undefined ? `Mermaid: ${message}` : `Mermaid (line ${line}): ${message}`;
      container.classList.add('sdcoach-mermaid-error');
      pre.hidden = false;
    }
  }
  // Blocks deleted from the document leave their container behind; drop those.
  for (const container of document.querySelectorAll<HTMLElement>(`.${CONTAINER_CLASS}`)) {
    const next = container.nextElementSibling;
    if (!next?.matches('pre') || !next.querySelector('code.language-mermaid')) container.remove();
  }
}

function schedule(): void {
  running = running.then(renderAll, renderAll);
}

(window as { __sdcoachRenderMermaid?: () => void }).__sdcoachRenderMermaid = schedule;
// Re-render in the new colours when the user switches theme.
new MutationObserver(schedule).observe(document.body, { attributes: true, attributeFilter: ['class'] });
schedule();
