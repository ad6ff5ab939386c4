/**
 * What only an LLM request needs (the OpenAI client and the critic’s run with
 * its JSON-schema generation, about 300 KB minified) is its own bundle: `import('./llmRuntime')` in the extension and the CLI
 * becomes a `require('./llmRuntime.js')` of dist/llmRuntime.js, made on the first request.
 * @type {import('esbuild').Plugin}
 */
export const lazyLlmRuntime = {
  name: 'lazy-llm-runtime',
  setup(build) {
    build.onResolve({ filter: /\/llmRuntime$/ }, () => ({ path: './llmRuntime.js', external: true }));
  },
};

/** Options for the bundles that load it lazily; import() becomes require(), so it loads as plain CommonJS. */
export const lazyLlmRuntimeOptions = { plugins: [lazyLlmRuntime], supported: { 'dynamic-import': false } };
