// One build script for every target: extension host (CJS), CLI (Node), webview (ESM + code splitting),
// and the integration-test bundle that runs inside the extension host.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

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
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    // One split build, so the diagram editor and the Markdown preview share mermaid's chunks.
    entryPoints: { diagram: 'webview/diagram/main.ts', markdownMermaid: 'webview/markdownPreview/markdownMermaid.ts' },
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
    entryPoints: { diagram: 'media/diagram.css', markdownPreview: 'media/markdownPreview.css' },
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
}

// Clear only what this run rebuilds: a production build (for the VSIX) leaves the test bundle in place.
for (const stale of ['extension.js', 'extension.js.map', 'cli.js', 'cli.js.map', 'webview', 'meta.json', ...(production ? [] : ['test'])]) {
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
}
