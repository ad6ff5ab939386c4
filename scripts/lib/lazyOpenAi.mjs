/**
 * The OpenAI client is large (about half a megabyte bundled) and only needed once a request is made,
 * so it is its own bundle: `import('./openAiChatProvider')` in the extension and the CLI becomes a
 * `require('./openAiChat.js')` of dist/openAiChat.js at run time.
 * @type {import('esbuild').Plugin}
 */
export const lazyOpenAi = {
  name: 'lazy-openai',
  setup(build) {
    build.onResolve({ filter: /\/openAiChatProvider$/ }, () => ({ path: './openAiChat.js', external: true }));
  },
};

/** Options for the bundles that load it lazily; import() becomes require(), so it loads as plain CommonJS. */
export const lazyOpenAiOptions = { plugins: [lazyOpenAi], supported: { 'dynamic-import': false } };
