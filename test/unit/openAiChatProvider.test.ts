import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { LlmError, type ChatRequest } from '../../src/core/llm/chat';
import { OpenAiChatProvider, type OpenAiProviderOptions } from '../../src/llm/openAiChatProvider';
import { FakeOpenAiServer } from '../support/fakeOpenAiServer';

const KEY = 'sk-test-SECRET-0123456789abcdef';
const messages: ChatRequest['messages'] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Say hi.' },
];
const schema = { name: 'greeting', schema: { type: 'object', properties: { hi: { type: 'string' } }, required: ['hi'], additionalProperties: false } };

describe('OpenAiChatProvider against a local OpenAI-compatible server', () => {
  const server = new FakeOpenAiServer();
  let baseUrl = '';
  let logLines: string[] = [];
  let waits: number[] = [];
  const provider = (options: Partial<OpenAiProviderOptions> = {}) =>
    new OpenAiChatProvider({
      baseUrl,
      model: 'gpt-test',
      apiKey: KEY,
      timeoutMs: 2000,
      log: (line) => logLines.push(line),
      // Records the backoff instead of waiting it out.
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...options,
    });

  before(async () => {
    baseUrl = await server.start();
  });
  after(() => server.stop());
  beforeEach(() => {
    logLines = [];
    waits = [];
    assert.equal(server.reset(), 0, 'the previous test used its whole script');
  });

  /** Every test ends here: the key went only into the Authorization header. */
  const assertKeyNotLeaked = (...texts: string[]) => {
    for (const text of [...logLines, ...texts]) assert.ok(!text.includes(KEY), `key leaked in: ${text}`);
  };

  it('sends the messages, the key as a bearer token and the JSON schema; returns the reply', async () => {
    server.reply({ content: '{"hi":"there"}' });
    const response = await provider().chat({ messages, responseSchema: schema });
    assert.deepEqual(response, { text: '{"hi":"there"}', model: 'gpt-test', structured: true });
    const [request] = server.requests;
    assert.equal(request.path, '/v1/chat/completions');
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(request.body.messages, messages);
    assert.equal(request.body.stream, false);
    assert.equal(request.body.response_format?.type, 'json_schema');
    assert.deepEqual(request.body.response_format?.json_schema, { name: 'greeting', schema: schema.schema, strict: true });
    assertKeyNotLeaked();
  });

  it('streams: reports the text as it arrives and returns all of it', async () => {
    const content = 'Hello from a streamed reply that arrives in pieces.';
    server.reply({ content, chunks: 6, model: 'gpt-test-2026' });
    const seen: number[] = [];
    const response = await provider().chat({ messages, onText: (received) => seen.push(received) });
    assert.equal(response.text, content);
    assert.equal(response.model, 'gpt-test-2026', 'the model the endpoint says answered');
    assert.equal(server.requests[0].body.stream, true);
    assert.ok(seen.length >= 6, `progress per chunk (${seen.length})`);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'progress only grows',
    );
    assert.equal(seen.at(-1), content.length);
  });

  it('falls back to the prompt alone when the endpoint refuses response_format, and remembers', async () => {
    server.reply({ status: 400, message: "response_format type 'json_schema' is not supported by this model" }, { content: '{"hi":"a"}' }, { content: '{"hi":"b"}' });
    const chat = provider();
    const first = await chat.chat({ messages, responseSchema: schema });
    assert.equal(first.structured, false);
    assert.equal(first.text, '{"hi":"a"}');
    assert.ok(server.requests[0].body.response_format, 'first asked with the schema');
    assert.equal(server.requests[1].body.response_format, undefined, 'then without');
    await chat.chat({ messages, responseSchema: schema });
    assert.equal(server.requests[2].body.response_format, undefined, 'the next request does not try again');
  });

  it('401: an auth error, not retried, with the key redacted from the echoed message', async () => {
    server.reply({ status: 401, message: `Incorrect API key provided: ${KEY}. You can find your API key at the dashboard.`, code: 'invalid_api_key' });
    const error = await provider().chat({ messages }).catch((caught: unknown) => caught);
    assert.ok(error instanceof LlmError);
    assert.equal(error.kind, 'auth');
    assert.equal(error.details.status, 401);
    assert.match(error.message, /Incorrect API key provided: \[redacted\]/);
    assert.equal(server.requests.length, 1, 'no retry on 401');
    assertKeyNotLeaked(error.message, String(error.stack));
  });

  it('403 is "forbidden"; 404 and a 400 naming the model are "model not found"', async () => {
    server.reply(
      { status: 403, message: 'Country, region, or territory not supported' },
      { status: 404, message: 'The model `gpt-nope` does not exist or you do not have access to it.', code: 'model_not_found' },
      { status: 400, message: 'Model Not Exist' },
    );
    const kinds = [];
    for (let index = 0; index < 3; index++) kinds.push(((await provider().chat({ messages }).catch((error: LlmError) => error)) as LlmError).kind);
    assert.deepEqual(kinds, ['forbidden', 'modelNotFound', 'modelNotFound']);
  });

  it('429: waits exactly the retry-after the server asks for, then succeeds', async () => {
    server.reply({ status: 429, message: 'Rate limit reached', headers: { 'retry-after': '2' } }, { content: 'ok' });
    const retries: string[] = [];
    const response = await provider({ onRetry: (error, ms, attempt) => retries.push(`${error.kind} ${ms} ${attempt}`) }).chat({ messages });
    assert.equal(response.text, 'ok');
    assert.deepEqual(waits, [2000]);
    assert.deepEqual(retries, ['rateLimited 2000 1']);
    assert.equal(server.requests.length, 2);
  });

  it('429 with a retry-after longer than a minute gives up at once instead of hanging the review', async () => {
    server.reply({ status: 429, message: 'quota', headers: { 'retry-after': '3600' } });
    const error = (await provider().chat({ messages }).catch((caught: unknown) => caught)) as LlmError;
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.details.retryAfterMs, 3_600_000);
    assert.deepEqual(waits, []);
  });

  it('500: retried with growing backoff, then reported as a server error', async () => {
    server.reply({ status: 500, message: 'boom' }, { status: 502, message: 'bad gateway' }, { status: 503, message: 'overloaded' });
    const error = (await provider().chat({ messages }).catch((caught: unknown) => caught)) as LlmError;
    assert.equal(error.kind, 'server');
    assert.equal(error.details.status, 503);
    assert.equal(server.requests.length, 3, 'three attempts in all');
    assert.equal(waits.length, 2);
    assert.ok(waits[1] > waits[0], `backoff grows: ${waits.join(', ')}`);
  });

  it('a server that never answers: "timeout" after the configured silence', async () => {
    server.reply({ hang: true });
    const started = Date.now();
    const error = (await provider({ timeoutMs: 300 }).chat({ messages }).catch((caught: unknown) => caught)) as LlmError;
    assert.equal(error.kind, 'timeout');
    assert.ok(Date.now() - started < 5000, 'does not wait for a socket timeout');
  });

  it('a stream that stalls half way: "timeout" too, since the silence counts between chunks', async () => {
    server.reply({ content: 'abcdefghij', chunks: 5, stallAfterChunks: 2 });
    const error = (await provider({ timeoutMs: 300 })
      .chat({ messages, onText: () => undefined })
      .catch((caught: unknown) => caught)) as LlmError;
    assert.equal(error.kind, 'timeout');
  });

  it('connection refused: "unreachable", naming the cause', async () => {
    const closed = await unusedPort();
    const error = (await provider({ baseUrl: `http://127.0.0.1:${closed}/v1` })
      .chat({ messages })
      .catch((caught: unknown) => caught)) as LlmError;
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /ECONNREFUSED/);
  });

  it('cancellation mid-stream stops the request and reports "cancelled"', async () => {
    server.reply({ content: 'x'.repeat(200), chunks: 20, chunkDelayMs: 50 });
    const controller = new AbortController();
    let received = 0;
    const error = (await provider()
      .chat({
        messages,
        signal: controller.signal,
        onText: (count) => {
          received = count;
          if (count >= 20) controller.abort();
        },
      })
      .catch((caught: unknown) => caught)) as LlmError;
    assert.equal(error.kind, 'cancelled');
    assert.ok(received >= 20 && received < 200, `stopped part way (${received})`);
  });

  it('cancellation during a retry wait stops the retries', async () => {
    server.reply({ status: 500, message: 'boom' });
    const controller = new AbortController();
    const error = (await provider({
      sleep: async () => {
        controller.abort();
      },
    })
      .chat({ messages, signal: controller.signal })
      .catch((caught: unknown) => caught)) as LlmError;
    assert.equal(error.kind, 'cancelled');
    assert.equal(server.requests.length, 1);
  });

  it('the log names the endpoint, model and outcome of every request, and never the key', async () => {
    server.reply({ status: 401, message: `bad key ${KEY}` }, { content: 'fine' });
    await provider()
      .chat({ messages })
      .catch(() => undefined);
    await provider().chat({ messages });
    assert.ok(logLines.some((line) => line.includes(`${baseUrl}/chat/completions model=gpt-test`)));
    assert.ok(logLines.some((line) => /auth 401/.test(line)));
    assert.ok(logLines.some((line) => /^200 /.test(line)));
    assertKeyNotLeaked();
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
