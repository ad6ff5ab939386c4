// Runs in every Markdown preview (contributed through `markdown.previewScripts`), so it stays tiny:
// only when the page has a ```mermaid block does it load the renderer, as a module script carrying
// this script's nonce. The preview's CSP allows nothing else, and the renderer's chunks inherit it.
const loaderScript = document.currentScript as HTMLScriptElement | null;
const rendererUrl = loaderScript ? new URL('markdownMermaid.js', loaderScript.src).href : undefined;
const nonce = loaderScript?.nonce;
let loading = false;

function hasMermaidBlocks(): boolean {
  return document.querySelector('pre > code.language-mermaid') !== null;
}

function renderBlocks(): void {
  if (!rendererUrl || !hasMermaidBlocks()) return;
  const render = (window as { __sdcoachRenderMermaid?: () => void }).__sdcoachRenderMermaid;
  if (render) {
    render();
    return;
  }
  if (loading) return; // the renderer renders on load
  loading = true;
  const script = document.createElement('script');
  script.type = 'module';
  script.src = rendererUrl;
  if (nonce) script.nonce = nonce;
  document.head.append(script);
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', renderBlocks);
} else {
  renderBlocks();
}
// The preview swaps its content in place as the document is edited, and may put the first content
// in before this async script runs, so watch the DOM as well as the preview's own event.
window.addEventListener('vscode.markdown.updateContent', renderBlocks);
let pending: ReturnType<typeof setTimeout> | undefined;
new MutationObserver(() => {
  clearTimeout(pending);
  pending = setTimeout(renderBlocks, 50);
}).observe(document.documentElement, { childList: true, subtree: true });

export {}; // a module to the type checker; esbuild wraps it as a classic script
