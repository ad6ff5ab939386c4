// Renders ```mermaid blocks of a Markdown preview as diagrams, in the VS Code colour theme, with
// mermaid's strict security level. Loaded on demand by loader.ts.
import { describeMermaidError } from '../diagram/mermaidErrors';
import { currentThemeKind } from '../diagram/theme';
import { mermaidSvg } from '../mermaidSvg';

const CONTAINER_CLASS = 'sdcoach-mermaid';
let running: Promise<void> = Promise.resolve();

async function renderAll(): Promise<void> {
  const blocks = [...document.querySelectorAll<HTMLElement>('pre > code.language-mermaid')];
  if (!blocks.length) return;
  const theme = currentThemeKind(document.body);
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
      container.innerHTML = await mermaidSvg(source, theme, 'sdcoach-mermaid'); // mermaid's strict mode has sanitised the labels
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
