/**
 * The provider layer every LLM feature goes through: one `chat()` over any OpenAI-compatible endpoint
 * or VS Code's language models. Errors are classified here so the host, the CLI and the tests speak
 * of the same failures, and nothing that leaves this layer can carry the API key.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A JSON schema the endpoint should constrain its answer to, where it supports that. */
export interface ResponseSchema {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  /** Ask for JSON matching this schema (structured output); providers without it ignore it. */
  responseSchema?: ResponseSchema;
  /** Stream the answer, reporting text as it arrives. */
  onText?: (received: number) => void;
  signal?: AbortSignal;
  temperature?: number;
}

export interface ChatResponse {
  text: string;
  /** The model that answered, as the endpoint names it. */
  model: string;
  /** Whether the endpoint was held to `responseSchema` (false: plain text, to be parsed tolerantly). */
  structured: boolean;
}

export interface ChatProvider {
  /** Where requests go, for consent and messages: a host name or "GitHub Copilot (vscode-lm)". */
  readonly destination: string;
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
}

export type LlmErrorKind =
  | 'auth' // 401: key missing or wrong
  | 'forbidden' // 403: key valid but not allowed (region, plan, model access, consent refused)
  | 'modelNotFound' // 404 on the model, or no vscode-lm model matches
  | 'badRequest' // 400 / 422 for another reason
  | 'rateLimited' // 429 after the retries
  | 'server' // 5xx after the retries
  | 'unreachable' // DNS, refused, TLS, reset
  | 'timeout' // no data for `timeoutMs`
  | 'cancelled' // the user cancelled
  | 'invalidOutput' // the model's answer did not validate, even after the repair retry
  | 'notConfigured'; // provider off, no base URL / model / key

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

/**
 * Whether a value is an LlmError. Checked by shape, not `instanceof`: the OpenAI provider is a
 * separate bundle (loaded lazily), so it throws its own copy of the class.
 */
export function isLlmError(value: unknown): value is LlmError {
  return value instanceof Error && value.name === 'LlmError' && typeof (value as { kind?: unknown }).kind === 'string';
}

const REDACTED = '[redacted]';

/**
 * Removes the key, and anything that looks like a bearer token or an `sk-` style key, from text that
 * may be logged or shown (endpoints sometimes echo the key back in their error messages).
 */
export function redactSecret(text: string, secret: string | undefined): string {
  let out = text;
  if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`)
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, REDACTED)
    .replace(/([?&](?:api[-_]?key|key|token)=)[^&\s]+/gi, `$1${REDACTED}`);
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Waits, e.g. `setTimeout` in production and a recorder in tests; rejects when the signal aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Told before each wait, so the user sees "rate limited, retrying in 4 s". */
  onRetry?: (error: LlmError, waitMs: number, attempt: number) => void;
  /** Longest wait honoured from a `retry-after`; a longer one ends the retries with the error. */
  maxWaitMs?: number;
  baseDelayMs?: number;
}

/** Whether a failure is worth another attempt: rate limits and server errors, never auth or bad requests. */
export const isRetryable = (error: LlmError) => error.kind === 'rateLimited' || error.kind === 'server';

/**
 * Runs `attempt` until it succeeds, with exponential backoff and jitter between retryable failures,
 * and exactly the server's `retry-after` when it gives one.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { attempts, sleep, signal, onRetry, maxWaitMs = 60_000, baseDelayMs = 500 } = options;
  for (let index = 1; ; index++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isLlmError(error) || !isRetryable(error) || index >= attempts) throw error;
      const backoff = baseDelayMs * 2 ** (index - 1) * (0.75 + Math.random() * 0.5);
      const wait = error.details.retryAfterMs ?? Math.round(backoff);
      if (wait > maxWaitMs) throw error;
      onRetry?.(error, wait, index);
      await sleep(wait, signal);
      if (signal?.aborted) throw new LlmError('cancelled', 'Cancelled.');
    }
  }
}

/** Parses `retry-after-ms` / `retry-after` (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(header: (name: string) => string | null | undefined, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(header('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = header('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** A sleep that ends early, rejecting, when the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LlmError('cancelled', 'Cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmError('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A watchdog for silence: `touch()` on every sign of life (request sent, chunk received); after
 * `ms` without one, `onIdle` runs once and `fired` turns true.
 */
export class IdleTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  fired = false;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {}

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.onIdle();
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
