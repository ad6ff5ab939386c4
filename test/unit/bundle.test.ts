import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { lazyLlmRuntimeOptions } from '../../scripts/lib/lazyLlmRuntime.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles an entry like scripts/build.mjs does and returns the files that put code into it (tree-shaken ones left out). */
async function bundledInputs(entry: string, options: esbuild.BuildOptions): Promise<string[]> {
  const result = await esbuild.build({ absWorkingDir: ROOT, entryPoints: [entry], bundle: true, write: false, metafile: true, logLevel: 'silent', outdir: 'out', ...options });
  return Object.values(result.metafile?.outputs ?? {}).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
}

describe('bundles', () => {
  it('the extension host bundle (loaded at activation) holds neither mermaid, nor openai, nor the critic run and its JSON-schema generator', async () => {
    const inputs = await bundledInputs('src/extension.ts', { platform: 'node', format: 'cjs', external: ['vscode'], ...lazyLlmRuntimeOptions });
    assert.ok(inputs.some((input) => input.startsWith('src/core/')), 'the bundle was built from our sources');
    const heavy = inputs.filter((input) => /node_modules\/(mermaid|@mermaid-js|openai|d3|katex)\/|zod\/v4\/core\/to-json-schema|src\/core\/llm\/criticOutput/.test(input));
    assert.deepEqual(heavy, []);
  });

  it('the LLM runtime is its own bundle (openai client, critic run), required by the extension and the CLI on demand', async () => {
    const runtime = await bundledInputs('src/llm/llmRuntime.ts', { platform: 'node', format: 'cjs' });
    assert.ok(runtime.some((input) => input.startsWith('node_modules/openai/')));
    assert.ok(runtime.includes('src/core/llm/criticOutput.ts'));
    for (const entry of ['src/extension.ts', 'src/cli.ts']) {
      const result = await esbuild.build({ absWorkingDir: ROOT, entryPoints: [entry], bundle: true, write: false, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'silent', outdir: 'out', ...lazyLlmRuntimeOptions });
      const code = result.outputFiles.map((file) => file.text).join('');
      assert.match(code, /require\("\.\/llmRuntime\.js"\)/, `${entry} requires dist/llmRuntime.js when needed`);
    }
  });

  it('the webview entry chunk loads mermaid lazily', async () => {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { diagram: 'webview/diagram/main.ts' },
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      splitting: true,
      outdir: 'out',
      logLevel: 'silent',
    });
    const entry = Object.values(result.metafile?.outputs ?? {}).find((output) => output.entryPoint === 'webview/diagram/main.ts');
    assert.ok(entry);
    assert.ok(!Object.keys(entry.inputs).some((input) => input.includes('node_modules/mermaid/')), 'mermaid is not in the entry chunk');
    assert.ok(entry.imports.some((item) => item.kind === 'dynamic-import'), 'it is imported on demand');
  });
});
