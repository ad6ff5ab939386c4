// `npm run bench`: sizes and speed, printed as JSON. Speeds are compared with a baseline measured in
// the same run (same browser / same extension host), so the ratios mean something on any machine.
//   sizes      production host bundle, webview initial chunks vs total, VSIX
//   render     at 10 / 50 / 200 nodes: panel open → first SVG, our webview vs raw mermaid.render of the
//              same diagram (cold pages); reopening an unchanged file (SVG from the host's cache);
//              re-render after a one-character edit vs raw mermaid.render (warm); and an edit that
//              does not change the diagram (whitespace, comment), which must not render at all
//   catalogue  parsing + validating every entry (node, from disk) vs only reading the same files, and
//              reading the build's snapshot (dist/catalog.json), which is what the extension does
//   critic     review of a 3,000-word answer with a 150-node diagram, and lint alone (targets 20 / 5 ms),
//              against one word-regex pass over the same answer; the eval set's score spread
//   llm        the LLM critic against a local OpenAI-compatible server: a whole review (prompt, streamed
//              request, validation, quote check) vs the bare openai client streaming the same reply;
//              and the checks alone (parse, schema, 21 quotes on a 3,000-word answer) vs JSON.parse
//   activate   activate() of our extension vs a one-command extension, in code-server's extension host
// Usage: node --import tsx scripts/bench.mjs [--runs N] [--skip-activation] [--only sizes,catalogue,critic,llm,render,activation]
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { NONCE, STRINGS, startHarness } from '../test/webview/harness.ts';
import { localizedPalette } from '../src/core/diagramPalette.ts';
import { diagramWebviewCsp } from '../src/diagramEditor/diagramWebviewHtml.ts';
import { loadCatalog } from '../src/core/catalog/catalogLoader.ts';
import { nodeCatalogSource } from '../src/nodeCatalogSource.ts';
import { fromSnapshot } from '../src/core/catalog/catalogSnapshot.ts';
import { lintDiagram } from '../src/core/critic/designLinter.ts';
import { buildDiagramGraph } from '../src/core/critic/diagramGraph.ts';
import { lintContextOf, reviewAnswer } from '../src/core/critic/review.ts';
import OpenAI from 'openai';
import { FakeOpenAiServer } from '../test/support/fakeOpenAiServer.ts';
import { loadPromptSet } from '../src/core/llm/promptTemplates.ts';
import { criticJsonSchema, parseCriticReply } from '../src/core/llm/criticOutput.ts';
import { criticMessages, runLlmCritic } from '../src/core/llm/llmCritic.ts';
import { QuoteVerifier } from '../src/core/llm/quoteVerifier.ts';
import { OpenAiChatProvider } from '../src/llm/openAiChatProvider.ts';
import { copySampleWorkspace, installVsix, launchChromium, runExtensionTestsInBrowser, startCodeServer } from './lib/vscodeHost.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'skip-activation': { type: 'boolean', default: false }, only: { type: 'string' } },
});
// `--only render` (or sizes, catalogue, activation) runs one section; render then uses the current dist/.
const wanted = (section) => !values.only || values.only.split(',').includes(section);
const runs = Number(values.runs);
const log = (line) => console.error(`[bench] ${line}`);
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (x, digits = 1) => Number(x.toFixed(digits));
const sh = (script, ...args) => execFileSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

/** Median time of a synchronous function, after one warm-up call (regexes compiled, code optimised). */
function time(fn, repeat = 50) {
  fn();
  const samples = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function chain(nodes) {
  const lines = ['flowchart LR'];
  for (let i = 1; i < nodes; i++) lines.push(`  n${i}[Service ${i}] --> n${i + 1}[Service ${i + 1}]`);
  return lines.join('\n') + '\n';
}

async function sizes() {
  log('packaging (production build + VSIX)');
  sh('scripts/package.mjs');
  const meta = JSON.parse(await readFile(join(root, 'dist', 'meta.json'), 'utf8'));
  const outputs = meta.outputs;
  // Initial = the entry chunk and everything it imports statically; the rest loads on demand.
  const initial = new Set();
  const visit = (path) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const item of outputs[path].imports) if (item.kind === 'import-statement') visit(item.path);
  };
  visit('dist/webview/diagram.js');
  initial.add('dist/webview/diagram.css');
  const webviewFiles = Object.keys(outputs).filter((path) => path.startsWith('dist/webview/') && !path.endsWith('.map'));
  const bytes = (paths) => paths.reduce((sum, path) => sum + outputs[path].bytes, 0);
  return {
    hostBundleBytes: outputs['dist/extension.js'].bytes,
    cliBytes: outputs['dist/cli.js'].bytes,
    // Loaded on the first LLM request only.
    llmRuntimeBytes: outputs['dist/llmRuntime.js'].bytes,
    webviewInitialBytes: bytes([...initial]),
    webviewInitialFiles: initial.size,
    webviewTotalBytes: bytes(webviewFiles),
    webviewFiles: webviewFiles.length,
    vsixBytes: (await stat(join(root, '.cache', 'system-design-coach.vsix'))).size,
  };
}

async function render() {
  const benchDir = join(root, '.cache', 'bench', 'raw');
  await rm(benchDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { raw: join(root, 'test', 'bench', 'rawMermaid.ts') },
    outdir: benchDir,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    platform: 'browser',
    target: 'chrome120',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  const harness = await startHarness({ '/bench/': benchDir });
  const rawHtml = (text) => `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="${diagramWebviewCsp(harness.origin, NONCE)}">
<script nonce="${NONCE}">window.__benchText = ${JSON.stringify(text)};</script></head>
<body><main id="diagram"></main><script type="module" nonce="${NONCE}" src="${harness.origin}/bench/raw.js"></script></body></html>`;
  // Plays the host: answers `ready` at once with the document, and notes when the first SVG appears.
  // With `cached`, init carries the SVG drawn earlier for the same text, as the extension's cache does.
  const hostScript = (text, cached) => `
    window.addEventListener('DOMContentLoaded', () => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('#diagram svg')) { window.__firstSvgAt = performance.now(); observer.disconnect(); }
      }).observe(document.getElementById('diagram'), { childList: true });
    });
    const original = window.acquireVsCodeApi;
    window.acquireVsCodeApi = () => {
      const api = original();
      const post = api.postMessage;
      api.postMessage = (message) => {
        post(message);
        if (message.type === 'ready') {
          window.__readyAt = performance.now();
          window.postMessage({ type: 'init', strings: ${JSON.stringify(STRINGS)}, palette: ${JSON.stringify(localizedPalette('en'))}, editable: true, cached: ${JSON.stringify(cached ?? null)} ?? undefined }, '*');
          window.postMessage({ type: 'update', text: ${JSON.stringify(text)}, version: 1 }, '*');
        }
      };
      return api;
    };`;
  const firstSvgAt = async (view) => {
    await view.page.waitForFunction(() => window.__firstSvgAt !== undefined, undefined, { timeout: 60_000 });
    return view.page.evaluate(() => window.__firstSvgAt);
  };

  try {
    const result = { coldFirstSvg: [], reopenUnchanged: [], oneCharEdit: [], unchangedEdit: [] };
    for (const nodes of [10, 50, 200]) {
      const text = chain(nodes);
      const ours = [];
      const raw = [];
      const reopened = [];
      const blank = [];
      let cached;
      // Alternate, so both see the same machine load; every page is a fresh context (cold, like a new panel).
      for (let i = 0; i < runs; i++) {
        const a = await harness.openPage({ initScript: hostScript(text) });
        ours.push(await firstSvgAt(a));
        if (!cached) {
          const rendered = (await a.posted()).find((m) => m.type === 'rendered' && m.svg);
          cached = { text, svg: rendered.svg, theme: rendered.theme, nodeCount: rendered.nodeCount };
        }
        await a.page.context().close();
        const b = await harness.openPage({ html: rawHtml(text) });
        raw.push(await firstSvgAt(b));
        await b.page.context().close();
        // Reopening the unchanged file: the host puts the SVG it kept into the page (placed at the saved
        // view), so it is painted with the page. Measured as the page's first contentful paint.
        const view = { x: 16, y: 16, k: 1 };
        const c = await harness.openPage({ initScript: hostScript(text, cached), cachedSvg: { svg: cached.svg, view } });
        await c.waitForPosted((m) => m.type === 'rendered', 'the reopened render');
        const paint = await c.page.evaluate(() => ({
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
          nodes: document.querySelectorAll('#diagram svg g.node').length,
          skipped: window.__posted.find((m) => m.type === 'rendered')?.skipped === true,
        }));
        if (paint.nodes !== nodes || !paint.skipped) throw new Error(`reopen did not show the cached SVG: ${JSON.stringify(paint)}`);
        reopened.push(paint.fcp);
        await c.page.context().close();
        // Baseline: a page with the same stylesheet and one line of text; its first paint is what
        // creating and painting any webview page costs in this browser.
        const d = await harness.openPage({
          html: `<!DOCTYPE html><html><head><link rel="stylesheet" href="${harness.origin}/diagram.css"></head><body><p>System Design Coach</p></body></html>`,
        });
        await d.page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
        blank.push(await d.page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime));
        await d.page.context().close();
      }
      result.coldFirstSvg.push({
        nodes,
        runs,
        oursMedianMs: round(median(ours)),
        rawMermaidMedianMs: round(median(raw)),
        ratio: round(median(ours) / median(raw), 2),
      });
      result.reopenUnchanged.push({
        nodes,
        runs,
        // From the page's start to its first paint, which already shows the diagram (no render).
        cachedSvgFirstPaintMedianMs: round(median(reopened)),
        blankPageFirstPaintMedianMs: round(median(blank)),
        overBlankPageMs: round(median(reopened) - median(blank)),
        targetMs: 100,
      });
    }

    // Warm: one open panel of each kind, then the same edits sent to both.
    const view = await harness.openPage({ initScript: hostScript(chain(3)) });
    await firstSvgAt(view);
    const rawView = await harness.openPage({ html: rawHtml(chain(3)) });
    await firstSvgAt(rawView);
    let version = 1;
    const send = async (doc) => {
      // Each edit stands alone (the webview waits for a pause in typing before drawing again).
      await view.page.waitForTimeout(200);
      version += 1;
      const before = (await view.posted()).length;
      const started = await view.page.evaluate(([t, v]) => {
        const at = performance.now();
        window.postMessage({ type: 'update', text: t, version: v }, '*');
        return at;
      }, [doc, version]);
      await view.page.waitForFunction(([n, v]) => window.__posted.slice(n).some((m) => m.version === v), [before, version]);
      const finished = await view.page.evaluate(() => performance.now());
      const message = (await view.posted()).slice(before).find((m) => m.version === version);
      return { ms: finished - started, skipped: message.skipped === true };
    };
    for (const nodes of [10, 50, 200]) {
      const base = chain(nodes);
      await send(base);
      const oursMs = [];
      const rawMs = [];
      const unchanged = [];
      for (let i = 0; i < runs; i++) {
        // One character: "Service 1" becomes "Service A", "Service B", … (a different label every time).
        const doc = base.replace('[Service 1]', `[Service ${String.fromCharCode(65 + i)}]`);
        const edit = await send(doc);
        if (edit.skipped) throw new Error('a label change must be drawn');
        oursMs.push(edit.ms);
        rawMs.push(await rawView.page.evaluate((t) => window.__renderRaw(t), doc));
        // Indentation and a comment: the same diagram, so nothing is drawn.
        unchanged.push(await send(`${doc.replace('\n  n2', '\n      n2')}%% note ${i}\n`));
      }
      result.oneCharEdit.push({
        nodes,
        oursMedianMs: round(median(oursMs)),
        rawMermaidMedianMs: round(median(rawMs)),
        ratio: round(median(oursMs) / median(rawMs), 2),
      });
      result.unchangedEdit.push({
        nodes,
        rendersSkipped: `${unchanged.filter((u) => u.skipped).length}/${unchanged.length}`,
        medianMs: round(median(unchanged.map((u) => u.ms)), 2),
      });
    }
    return result;
  } finally {
    await harness.close();
  }
}

/** The offline critic: review of a 3,000-word answer with a 150-node diagram, lint alone, and the eval spread. */
async function critic() {
  const catalog = fromSnapshot(await readFile(join(root, 'dist', 'catalog.json'), 'utf8'));
  const entry = catalog.entries.find((candidate) => candidate.id === 'url-shortener');
  const strong = await readFile(join(root, 'test', 'fixtures', 'eval', 'url-shortener', 'strong.md'), 'utf8');
  const words = (text) => text.split(/\s+/).filter(Boolean).length;
  let answer = strong;
  while (words(answer) < 3000) answer += `\n\n${strong}`;
  const kinds = ['Service', 'Redis cluster', 'MySQL primary', 'MySQL replica', 'Kafka topic', 'Consumer', 'API gateway', 'Search', 'Object storage', 'Prometheus'];
  const lines = ['flowchart LR'];
  for (let i = 1; i < 150; i++) lines.push(`  n${Math.floor((i - 1) / 3)}[${kinds[(i - 1) % kinds.length]} ${Math.floor((i - 1) / 3)}] --> n${i}[${kinds[i % kinds.length]} ${i}]`);
  const diagram = lines.join('\n') + '\n';
  const reviewMs = time(() => reviewAnswer({ entry, answer, diagram }));
  const lintMs = time(() => lintDiagram(buildDiagramGraph(diagram), lintContextOf(entry)));
  // Baseline: one pass of a word regex over the same answer, to put the numbers on this machine's scale.
  const baselineMs = time(() => answer.toLowerCase().match(/[a-z0-9]+/g)?.length);
  const spread = [];
  const evalDir = join(root, 'test', 'fixtures', 'eval');
  for (const id of (await readdir(evalDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const evalEntry = catalog.entries.find((candidate) => candidate.id === id);
    const score = async (level) =>
      reviewAnswer({
        entry: evalEntry,
        answer: await readFile(join(evalDir, id, `${level}.md`), 'utf8'),
        diagram: await readFile(join(evalDir, id, `${level}.mmd`), 'utf8'),
      }).total;
    spread.push({ id, strong: await score('strong'), middling: await score('middling'), weak: await score('weak') });
  }
  return {
    answerWords: words(answer),
    diagramNodes: 150,
    reviewMedianMs: round(reviewMs, 2),
    lintMedianMs: round(lintMs, 2),
    wordScanBaselineMs: round(baselineMs, 2),
    reviewVsBaselineRatio: round(reviewMs / baselineMs, 1),
    targets: { reviewMs: 20, lintMs: 5 },
    evalSpread: spread,
    evalOrderedEntries: `${spread.filter((s) => s.strong > s.middling && s.middling > s.weak).length}/${spread.length}`,
  };
}

async function llmCritic() {
  const catalog = fromSnapshot(await readFile(join(root, 'dist', 'catalog.json'), 'utf8'));
  const entry = catalog.entries.find((candidate) => candidate.id === 'url-shortener');
  const strong = await readFile(join(root, 'test', 'fixtures', 'eval', 'url-shortener', 'strong.md'), 'utf8');
  let answer = strong;
  while (answer.split(/\s+/).length < 3000) answer += `\n\n${strong}`;
  const sentences = strong.split('\n').filter((line) => line.trim().length > 40);
  // Three quotes per criterion, a third of them invented.
  const reply = JSON.stringify({
    criteria: entry.rubric.map((criterion, index) => ({
      id: criterion.id,
      score: Math.floor(criterion.weight / 2),
      evidence: [0, 1, 2].map((k) => ({ quote: k === 2 ? `An invented sentence number ${index} about sharding.` : sentences[(index * 2 + k) % sentences.length].trim().slice(0, 80) })),
      missing: ['more numbers'],
    })),
    level: 'senior',
    followUps: ['One?', 'Two?'],
    topFixes: ['First fix.', 'Second fix.'],
  });
  const offline = reviewAnswer({ entry, answer });
  const prompts = await loadPromptSet((file) => readFile(join(root, 'prompts', file), 'utf8').catch(() => undefined));
  const server = new FakeOpenAiServer();
  const baseUrl = await server.start();
  const input = { entry, answer, language: 'en' };
  const ours = [];
  const bare = [];
  try {
    const client = new OpenAI({ apiKey: 'bench', baseURL: baseUrl, maxRetries: 0, logLevel: 'off' });
    const provider = new OpenAiChatProvider({ baseUrl, model: 'bench', apiKey: 'bench', timeoutMs: 10_000 });
    for (let i = 0; i < Math.max(runs, 9) + 1; i++) {
      // Alternate, so both see the same machine load; the first pair warms up and is dropped.
      server.reply({ content: reply, chunks: 40 });
      let started = performance.now();
      // The same request our critic sends: its messages and JSON schema.
      const stream = await client.chat.completions.create({ model: 'bench', messages: criticMessages(prompts, input), response_format: { type: 'json_schema', json_schema: { name: 'design_review', schema: criticJsonSchema(entry), strict: true } }, stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      if (i > 0) bare.push(performance.now() - started);
      server.reply({ content: reply, chunks: 40 });
      started = performance.now();
      await runLlmCritic(provider, prompts, input, offline, { onText: () => undefined });
      if (i > 0) ours.push(performance.now() - started);
      if (text !== reply) throw new Error('the bare client read a different reply');
    }
  } finally {
    await server.stop();
  }
  const checksMs = time(() => {
    const parsed = parseCriticReply(reply, entry);
    const verifier = new QuoteVerifier([{ id: 'answer', text: answer }]);
    for (const criterion of parsed.output.criteria) for (const { quote } of criterion.evidence) verifier.check(quote);
  });
  const parseMs = time(() => JSON.parse(reply));
  return {
    answerWords: answer.split(/\s+/).length,
    replyChars: reply.length,
    quotes: entry.rubric.length * 3,
    reviewMedianMs: round(median(ours), 1),
    bareClientMedianMs: round(median(bare), 1),
    reviewVsBareClientRatio: round(median(ours) / median(bare), 2),
    checksMedianMs: round(checksMs, 2),
    jsonParseMedianMs: round(parseMs, 3),
  };
}

async function catalogue() {
  const dir = join(root, 'catalog');
  const source = nodeCatalogSource(dir);
  const loadMs = [];
  const readMs = [];
  const snapshotMs = [];
  let catalog;
  let bytes = 0;
  for (let i = 0; i < Math.max(runs, 5); i++) {
    // Alternate the two so both see the same file cache and machine load.
    let started = performance.now();
    catalog = await loadCatalog(source);
    loadMs.push(performance.now() - started);
    started = performance.now();
    const files = await source.listFiles();
    const texts = await Promise.all(files.map((f) => source.readFile(f)));
    readMs.push(performance.now() - started);
    bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    started = performance.now();
    const snapshot = fromSnapshot(await readFile(join(root, 'dist', 'catalog.json'), 'utf8'));
    snapshotMs.push(performance.now() - started);
    if (snapshot?.entries.length !== catalog.entries.length) throw new Error('dist/catalog.json is stale: npm run build');
  }
  if (catalog.problems.length) throw new Error(`catalogue has ${catalog.problems.length} problem(s); run npm run check:catalog`);
  return {
    entries: catalog.entries.length,
    bytes,
    parseMedianMs: round(median(loadMs)),
    readOnlyMedianMs: round(median(readMs)),
    parseVsReadRatio: round(median(loadMs) / median(readMs), 2),
    snapshotMedianMs: round(median(snapshotMs)),
    snapshotVsParseRatio: round(median(snapshotMs) / median(loadMs), 3),
  };
}

async function activation() {
  sh('scripts/build.mjs'); // development build: it includes the benchmark suite for the extension host
  // The web workbench loads only one development extension, so the baseline is installed as a VSIX.
  const baselineVsix = join(root, '.cache', 'bench', 'baseline.vsix');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--skip-license', '--allow-missing-repository', '--out', baselineVsix],
    { cwd: join(root, 'test', 'fixtures', 'baseline-extension'), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const samples = [];
  const activationRuns = runs >= 4 ? 4 : 2; // even, so each order runs equally often
  for (let i = 0; i < activationRuns; i++) {
    const temp = await mkdtemp(join(tmpdir(), 'sdcoach-bench-'));
    const out = join(temp, 'activation.json');
    const folder = join(temp, 'workspace');
    await copySampleWorkspace(folder);
    const dirs = { userDataDir: join(temp, 'user-data'), extensionsDir: join(temp, 'extensions') };
    await installVsix({ vsixPath: baselineVsix, ...dirs });
    const server = await startCodeServer({ folder, ...dirs, env: { SDCOACH_BENCH_OUT: out, SDCOACH_BENCH_ORDER: i % 2 ? 'ours-first' : 'baseline-first' }, log });
    const browser = await launchChromium();
    try {
      const code = await runExtensionTestsInBrowser({
        serverUrl: server.url,
        folder,
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'dist', 'test', 'bench', 'index.js'),
        browser,
        log,
        timeoutMs: 120_000,
      });
      if (code !== 0) throw new Error(`activation benchmark exited with ${code}`);
      samples.push(JSON.parse(await readFile(out, 'utf8')));
    } finally {
      await browser.close();
      await server.stop();
      await rm(temp, { recursive: true, force: true });
    }
  }
  const activateMs = median(samples.map((s) => s.activateMs));
  const baselineMs = median(samples.map((s) => s.baselineActivateMs));
  return {
    vscodeVersion: samples[0].vscodeVersion,
    runs: samples.length,
    wasAlreadyActive: samples.some((s) => s.wasAlreadyActive),
    activateMedianMs: round(activateMs),
    baselineActivateMedianMs: round(baselineMs),
    ratio: round(activateMs / baselineMs, 2),
    firstCatalogueLoadMedianMs: round(median(samples.map((s) => s.firstCatalogueLoadMs))),
  };
}

const result = { date: new Date().toISOString(), node: process.version };
if (wanted('sizes')) result.sizes = await sizes();
if (wanted('catalogue')) {
  log('loading the catalogue');
  result.catalogue = await catalogue();
}
if (wanted('critic')) {
  log('reviewing with the offline critic');
  result.critic = await critic();
}
if (wanted('llm')) {
  log('LLM critic against a local endpoint');
  result.llm = await llmCritic();
}
if (wanted('render')) {
  log('rendering in Chromium');
  result.render = await render();
}
if (wanted('activation') && !values['skip-activation']) {
  log('activation in code-server');
  result.activation = await activation();
}
await mkdir(join(root, 'test-results'), { recursive: true });
await writeFile(join(root, 'test-results', 'bench.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
