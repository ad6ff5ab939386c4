/**
 * A local OpenAI-compatible endpoint for tests: `POST …/chat/completions` on 127.0.0.1, answering
 * from a script of replies (completions, streamed or not, errors with headers, hangs, dropped
 * connections) and recording every request, headers included, for assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ScriptedReply =
  /** A completion whose message is `content`; streamed in `chunks` pieces when the request streams. */
  | { content: string; model?: string; chunks?: number; chunkDelayMs?: number }
  /** An error response with an OpenAI-style body. */
  | { status: number; message: string; code?: string; headers?: Record<string, string> }
  /** Accepts the request and never answers. */
  | { hang: true }
  /** Streams the first `afterChunks` pieces of `content`, then goes silent. */
  | { content: string; stallAfterChunks: number; chunks?: number }
  /** Closes the connection without a response. */
  | { drop: true };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
    [key: string]: unknown;
  };
}

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly script: ScriptedReply[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  /** Replies after the script runs out; a 500 keeps a missing script line from passing unnoticed. */
  fallback: ScriptedReply = { status: 500, message: 'the fake server has no scripted reply left' };

  /** Queues replies, answered in order, one per request. */
  reply(...replies: ScriptedReply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** Empties the script and returns how many replies were left unused. */
  reset(): number {
    this.requests.length = 0;
    return this.script.splice(0).length;
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of request) raw += chunk;
    let body: RecordedRequest['body'] = {};
    try {
      body = JSON.parse(raw || '{}');
    } catch {
      // recorded as empty
    }
    this.requests.push({ path: request.url ?? '', headers: request.headers, body });
    if (!request.url?.endsWith('/chat/completions') || request.method !== 'POST') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${request.url}` } }));
      return;
    }
    const reply = this.script.shift() ?? this.fallback;
    if ('hang' in reply) return;
    if ('drop' in reply) {
      request.socket.destroy();
      return;
    }
    if ('status' in reply) {
      response
        .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        .end(JSON.stringify({ error: { message: reply.message, type: 'invalid_request_error', code: reply.code ?? null } }));
      return;
    }
    const model = ('model' in reply && reply.model) || body.model || 'fake-model';
    if (!body.stream) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop', logprobs: null }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const pieces = split(reply.content, reply.chunks ?? 5);
    const stallAt = 'stallAfterChunks' in reply ? reply.stallAfterChunks : Infinity;
    const delay = 'chunkDelayMs' in reply ? (reply.chunkDelayMs ?? 0) : 0;
    const event = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    response.write(event({ role: 'assistant', content: '' }, null));
    for (let index = 0; index < pieces.length; index++) {
      if (index >= stallAt) return;
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      if (response.destroyed) return;
      response.write(event({ content: pieces[index] }, null));
    }
    response.write(event({}, 'stop'));
    response.end('data: [DONE]\n\n');
  }
}

function split(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
  return pieces.length ? pieces : [''];
}
