// One build script for every target: extension host (CJS), CLI (Node), webview (ESM + code splitting),
// and the integration-test bundle that runs inside the extension host.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { lazyLlmRuntimeOptions } from './lib/lazyLlmRuntime.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
};

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // The LLM runtime (openai client, critic run) is a separate bundle, loaded on the first LLM request.
    ...lazyLlmRuntimeOptions,
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    ...lazyLlmRuntimeOptions,
  },
  {
    ...common,
    entryPoints: { llmRuntime: 'src/llm/llmRuntime.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    // One split build, so the diagram editor and the Markdown preview share mermaid's chunks.
    entryPoints: { diagram: 'webview/diagram/main.ts', markdownMermaid: 'webview/markdownPreview/markdownMermaid.ts', scorecard: 'webview/scorecard/main.ts', interview: 'webview/interview/main.ts', drill: 'webview/drill/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    splitting: true,
    // mermaid is large; minify it even in development so the webview stays quick to load.
    minify: true,
    chunkNames: 'chunks/[name]-[hash]',
  },
  {
    // A classic script: the Markdown preview loads contributed scripts without type="module".
    ...common,
    entryPoints: { markdownPreview: 'webview/markdownPreview/loader.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  {
    ...common,
    entryPoints: { diagram: 'media/diagram.css', markdownPreview: 'media/markdownPreview.css', scorecard: 'media/scorecard.css', interview: 'media/interview.css', drill: 'media/drill.css' },
    outdir: 'dist/webview',
    loader: { '.css': 'css' },
  },
];

if (!production) {
  // Suites that run inside the extension host: the integration tests and the activation benchmark.
  for (const suite of ['integration', 'bench']) {
    targets.push({
      ...common,
      entryPoints: { index: `test/${suite}/index.ts` },
      outdir: `dist/test/${suite}`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha'],
    });
  }
  // A page for webview tests that parses with the shipped mermaid (property tests of the diagram edits).
  targets.push({
    ...common,
    entryPoints: { mermaidProbe: 'test/webview/pages/mermaidProbe.ts' },
    outdir: 'dist/test/webview',
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    minify: true,
  });
}

// Clear only what this run rebuilds: a production build (for the VSIX) leaves the test bundle in place.
for (const stale of ['extension.js', 'extension.js.map', 'cli.js', 'cli.js.map', 'llmRuntime.js', 'llmRuntime.js.map', 'webview', 'meta.json', 'catalog.json', ...(production ? [] : ['test'])]) {
  await rm(new URL(`../dist/${stale}`, import.meta.url), { recursive: true, force: true });
}
if (watch) {
  for (const options of targets) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  const results = await Promise.all(targets.map((options) => esbuild.build({ ...options, metafile: true })));
  // One merged metafile: the benchmark reads it to tell the webview's initial chunks from its lazy ones.
  const merged = { inputs: {}, outputs: {} };
  for (const { metafile } of results) {
    Object.assign(merged.inputs, metafile.inputs);
    Object.assign(merged.outputs, metafile.outputs);
  }
  await writeFile(new URL('../dist/meta.json', import.meta.url), JSON.stringify(merged));
  await snapshotCatalog();
}

/**
 * Validates catalog/ and writes dist/catalog.json, which the extension and the CLI read instead of
 * parsing the YAML of every entry at run time. An invalid entry fails the build.
 */
async function snapshotCatalog() {
  const compiler = new URL('../.cache/build/catalogCompiler.cjs', import.meta.url);
  await mkdir(new URL('.', compiler), { recursive: true });
  await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: `export { loadCatalog } from './src/core/catalog/catalogLoader';
export { toSnapshot } from './src/core/catalog/catalogSnapshot';
export { nodeCatalogSource } from './src/nodeCatalogSource';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: fileURLToPath(compiler),
    logLevel: 'warning',
  });
  const { loadCatalog, toSnapshot, nodeCatalogSource } = createRequire(import.meta.url)(fileURLToPath(compiler));
  const catalog = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../catalog', import.meta.url))));
  if (catalog.problems.length) {
    for (const p of catalog.problems) console.error(`catalog/${p.path}${p.line ? `:${p.line}` : ''}: ${p.code}: ${p.detail}`);
    throw new Error(`${catalog.problems.length} catalogue problem(s); run npm run check:catalog`);
  }
  await writeFile(new URL('../dist/catalog.json', import.meta.url), JSON.stringify(toSnapshot(catalog)));
  console.log(`  dist/catalog.json  ${catalog.entries.length} entries`);
}
