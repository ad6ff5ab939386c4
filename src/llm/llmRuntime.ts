/**
 * The code only an LLM request needs, bundled apart (dist/llmRuntime.js) and loaded on the first
 * request: the OpenAI-compatible provider with the `openai` client, and the critic's run (schema,
 * validation, quote check). No `vscode` import: the CLI loads it too.
 */
export { OpenAiChatProvider } from './openAiChatProvider';
export { runLlmCritic } from '../core/llm/llmCritic';
