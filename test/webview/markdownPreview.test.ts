import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NONCE, startHarness, type Harness } from './harness';

// The page VS Code's Markdown preview builds, reduced to what matters here: its CSP (nonce-only
// scripts, inline styles allowed), markdown-it's output for fences, and our contributed script.
function previewHtml(origin: string, body: string): string {
  return `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${origin} https: data:; script-src 'nonce-${NONCE}'; style-src ${origin} 'unsafe-inline'; font-src ${origin};">
<link rel="stylesheet" href="${origin}/markdownPreview.css">
</head><body class="vscode-body">${body}
<script async src="${origin}/markdownPreview.js" nonce="${NONCE}" charset="UTF-8"></script>
</body></html>`;
}

const FLOW = 'flowchart LR\n  a[Client] --&gt; b[Service]\n  b --&gt; c[(MySQL)]\n';

describe('Mermaid in the Markdown preview (built script, preview CSP, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  it('renders mermaid fences as diagrams, leaves other code alone, and explains a broken block', async () => {
    const body = `<h1>Answer</h1>
<pre><code class="language-mermaid">${FLOW}</code></pre>
<pre><code class="language-go">func main() {}</code></pre>
<pre><code class="language-mermaid">flowchart LR\n  a --&gt; --&gt; b[oops\n</code></pre>`;
    const view = await harness.openPage({ html: previewHtml(harness.origin, body) });
    const page = view.page;
    await page.waitForSelector('.sdcoach-mermaid svg g.node', { timeout: 30_000 });
    const labels = await page.$$eval('.sdcoach-mermaid svg g.node', (nodes) => nodes.map((n) => n.textContent?.trim()));
    assert.deepEqual(labels, ['Client', 'Service', 'MySQL']);
    assert.equal(await page.$eval('pre:has(code.language-mermaid)', (pre) => (pre as HTMLElement).hidden), true, 'the source hides under its diagram');
    assert.equal(await page.$eval('pre:has(code.language-go)', (pre) => (pre as HTMLElement).hidden), false);
    await page.waitForSelector('.sdcoach-mermaid-error');
    assert.match((await page.textContent('.sdcoach-mermaid-error')) ?? '', /^Mermaid/);
    assert.deepEqual(view.cspViolations, [], 'the nonce carries over to the renderer and its chunks');
    assert.deepEqual(view.foreignRequests, []);
    await page.context().close();
  });

  it('loads nothing more on a page without mermaid, and renders blocks that arrive with a preview update', async () => {
    const view = await harness.openPage({ html: previewHtml(harness.origin, '<p>Plain text.</p>') });
    const page = view.page;
    await page.waitForLoadState('networkidle');
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()));
    assert.ok(!scripts.includes('markdownMermaid.js'), `only the loader was fetched: ${scripts.join(', ')}`);

    await page.evaluate((flow) => {
      document.body.insertAdjacentHTML('afterbegin', `<pre><code class="language-mermaid">${flow}</code></pre>`);
      window.dispatchEvent(new CustomEvent('vscode.markdown.updateContent'));
    }, FLOW);
    await page.waitForSelector('.sdcoach-mermaid svg g.node', { timeout: 30_000 });
    assert.deepEqual(view.cspViolations, []);
    await page.context().close();
  });
});
