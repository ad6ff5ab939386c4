/**
 * `ChatProvider` for any OpenAI-compatible endpoint (OpenAI, Azure OpenAI v1, DeepSeek, DashScope,
 * Moonshot, Ollama, LM Studio…) through the official `openai` client. Part of the lazily loaded
 * dist/llmRuntime.js, so the client never loads at activation.
 * No `vscode` import: the CLI uses it too.
 */
import OpenAI from 'openai';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import { abortableSleep, IdleTimer, LlmError, redactSecret, retryAfterMs, withRetries, type ChatProvider, type ChatRequest, type ChatResponse } from '../core/llm/chat';

export interface OpenAiProviderOptions {
  baseUrl: string;
  model: string;
  /** Optional: local servers (Ollama, LM Studio) take none. */
  apiKey?: string;
  /** Longest silence, before the first byte or between streamed chunks. */
  timeoutMs: number;
  /** Attempts in all on 429 / 5xx. */
  attempts?: number;
  onRetry?: (error: LlmError, waitMs: number, attempt: number) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** One line per request and per failure; already redacted. */
  log?: (line: string) => void;
}

export class OpenAiChatProvider implements ChatProvider {
  private readonly client: OpenAI;
  /** Set when the endpoint refused `response_format: json_schema`; later requests ask in words. */
  private schemaUnsupported = false;

  constructor(private readonly options: OpenAiProviderOptions) {
    this.client = new OpenAI({
      // The client refuses to start without a key; local servers ignore this placeholder.
      apiKey: options.apiKey || 'no-key',
      baseURL: options.baseUrl,
      // Retries are ours (withRetries), so the user sees them and cancellation stops them.
      maxRetries: 0,
      timeout: options.timeoutMs,
      logLevel: 'off',
    });
  }

  get destination(): string {
    try {
      return new URL(this.options.baseUrl).host;
    } catch {
      return this.options.baseUrl;
    }
  }

  get model(): string {
    return this.options.model;
  }

  chat(request: ChatRequest): Promise<ChatResponse> {
    return withRetries(() => this.attempt(request), {
      attempts: this.options.attempts ?? 3,
      sleep: this.options.sleep ?? abortableSleep,
      signal: request.signal,
      onRetry: (error, waitMs, attempt) => {
        this.log(`retry ${attempt} in ${waitMs} ms after ${error.kind}${error.details.status ? ` (${error.details.status})` : ''}`);
        this.options.onRetry?.(error, waitMs, attempt);
      },
    });
  }

  private async attempt(request: ChatRequest): Promise<ChatResponse> {
    const useSchema = request.responseSchema !== undefined && !this.schemaUnsupported;
    try {
      return await this.send(request, useSchema);
    } catch (error) {
      // Endpoints without structured output (DeepSeek, older Ollama / vLLM) answer 400 or 422 on
      // `response_format`; the prompt describes the JSON anyway, so ask again without it.
      if (useSchema && error instanceof LlmError && error.kind === 'badRequest' && /response_format|json_schema|schema|structured/i.test(error.message)) {
        this.schemaUnsupported = true;
        this.log('endpoint refused json_schema; asking for JSON in the prompt only');
        return this.send(request, false);
      }
      throw error;
    }
  }

  private async send(request: ChatRequest, useSchema: boolean): Promise<ChatResponse> {
    const controller = new AbortController();
    const idle = new IdleTimer(this.options.timeoutMs, () => controller.abort());
    const onCancel = () => controller.abort();
    if (request.signal?.aborted) throw new LlmError('cancelled', 'Cancelled.');
    request.signal?.addEventListener('abort', onCancel, { once: true });
    const params: ChatCompletionCreateParams = {
      model: this.options.model,
      messages: request.messages,
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(useSchema && request.responseSchema
        ? { response_format: { type: 'json_schema', json_schema: { name: request.responseSchema.name, schema: request.responseSchema.schema, strict: true } } }
        : {}),
    };
    const started = Date.now();
    this.log(`POST ${this.options.baseUrl.replace(/\/$/, '')}/chat/completions model=${this.options.model} stream=${Boolean(request.onText)} schema=${useSchema}`);
    idle.touch();
    try {
      if (request.onText) {
        const stream = await this.client.chat.completions.create({ ...params, stream: true }, { signal: controller.signal });
        let text = '';
        let model = this.options.model;
        for await (const chunk of stream) {
          idle.touch();
          model = chunk.model || model;
          const delta = chunk.choices[0]?.delta?.content;
          if (delta) {
            text += delta;
            request.onText(text.length);
          }
        }
        // The client ends the iteration quietly when its signal aborts: say why it ended.
        if (controller.signal.aborted) throw new Error('aborted');
        this.log(`200 streamed ${text.length} chars in ${Date.now() - started} ms`);
        return { text, model, structured: useSchema };
      }
      const completion = await this.client.chat.completions.create({ ...params, stream: false }, { signal: controller.signal });
      const text = completion.choices[0]?.message?.content ?? '';
      this.log(`200 ${text.length} chars in ${Date.now() - started} ms`);
      return { text, model: completion.model || this.options.model, structured: useSchema };
    } catch (error) {
      const classified = this.classify(error, idle.fired, request.signal?.aborted === true);
      this.log(`failed after ${Date.now() - started} ms: ${classified.kind}${classified.details.status ? ` ${classified.details.status}` : ''}: ${classified.message}`);
      throw classified;
    } finally {
      idle.stop();
      request.signal?.removeEventListener('abort', onCancel);
    }
  }

  private classify(error: unknown, timedOut: boolean, cancelled: boolean): LlmError {
    if (error instanceof LlmError) return error;
    if (cancelled) return new LlmError('cancelled', 'Cancelled.');
    if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
      return new LlmError('timeout', `No response for ${Math.round(this.options.timeoutMs / 1000)} s.`);
    }
    const redact = (text: string) => redactSecret(text, this.options.apiKey);
    if (error instanceof OpenAI.APIConnectionError) return new LlmError('unreachable', redact(connectionCause(error)));
    if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
      const status = error.status;
      const message = redact(apiMessage(error));
      const details = { status, retryAfterMs: error.headers ? retryAfterMs((name) => error.headers?.get(name)) : undefined };
      if (status === 401) return new LlmError('auth', message, details);
      if (status === 403) return new LlmError('forbidden', message, details);
      if (status === 404) return new LlmError('modelNotFound', message, details);
      if (status === 429) return new LlmError('rateLimited', message, details);
      if (status >= 500) return new LlmError('server', message, details);
      // Some endpoints (DeepSeek, DashScope) answer an unknown model with 400.
      if (!/response_format|json_schema/i.test(message) && /model\b[^.]{0,40}\b(?:not exist|not found|does not exist)|(?:unknown|invalid|no such) model/i.test(message)) {
        return new LlmError('modelNotFound', message, details);
      }
      return new LlmError('badRequest', message, details);
    }
    if (error instanceof Error && error.name === 'AbortError') return new LlmError('cancelled', 'Cancelled.');
    return new LlmError('unreachable', redact(error instanceof Error ? error.message : String(error)));
  }

  private log(line: string): void {
    this.options.log?.(redactSecret(line, this.options.apiKey));
  }
}

/**
 * Why a connection failed, from the innermost cause: a system code (ECONNREFUSED, ENOTFOUND,
 * CERT_HAS_EXPIRED…) when there is one. Node's fetch, and VS Code's proxy-aware fetch, wrap it at
 * different depths, sometimes in an AggregateError (one per address tried).
 */
function connectionCause(error: Error): string {
  let innermost = error.message;
  const queue: unknown[] = [error];
  for (let steps = 0; queue.length && steps < 20; steps++) {
    const current = queue.shift() as { code?: unknown; cause?: unknown; errors?: unknown; message?: unknown } | undefined;
    if (!current || typeof current !== 'object') continue;
    if (typeof current.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(current.code)) return current.code;
    if (typeof current.message === 'string' && current.message && !/^(fetch failed|Connection error\.?)$/i.test(current.message)) innermost = current.message;
    if (current.cause) queue.push(current.cause);
    if (Array.isArray(current.errors)) queue.push(...current.errors);
  }
  return innermost;
}

/** The endpoint's own words: `error.message` of its JSON body when there is one, else the status line. */
function apiMessage(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : error.message;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
