// The benchmark's floor: mermaid alone, bundled the same way as our webview, rendering the same text.
import mermaid from 'mermaid';

declare global {
  interface Window {
    __benchText: string;
    __firstSvgAt?: number;
    __renderRaw(text: string): Promise<number>;
  }
}

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, theme: 'default' });
const host = document.getElementById('diagram') as HTMLElement;
let count = 0;

window.__renderRaw = async (text: string) => {
  const started = performance.now();
  const { svg } = await mermaid.render(`raw-${++count}`, text);
  host.innerHTML = svg;
  return performance.now() - started;
};

void window.__renderRaw(window.__benchText).then(() => {
  window.__firstSvgAt = performance.now();
});
