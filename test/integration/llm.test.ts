import * as assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { Review } from '../../src/core/critic/review';
import { FakeOpenAiServer } from '../support/fakeOpenAiServer';
import { activateExtension, closeAllEditors, readText, waitFor, workspaceFolder } from './helpers';

const KEY = 'sk-integration-SECRET-5a4b3c2d1e0f';

/** Replaces one `vscode.window` function for the test; the extension sees the same API object. */
function stubWindow<K extends keyof typeof vscode.window>(name: K, replacement: (typeof vscode.window)[K]): () => void {
  const original = vscode.window[name];
  (vscode.window as Record<K, unknown>)[name] = replacement;
  return () => {
    (vscode.window as Record<K, unknown>)[name] = original;
  };
}

/** Every file under `folder`, recursively. */
async function filesUnder(folder: vscode.Uri): Promise<vscode.Uri[]> {
  const out: vscode.Uri[] = [];
  for (const [name, type] of await vscode.workspace.fs.readDirectory(folder).then(undefined, () => [] as [string, vscode.FileType][])) {
    const child = vscode.Uri.joinPath(folder, name);
    if (type === vscode.FileType.Directory) out.push(...(await filesUnder(child)));
    else out.push(child);
  }
  return out;
}

const ANSWER = `# URL shortener

## Estimates
- links_per_month = 100M
- write_qps = links_per_month / (30 * 86400)

## High-level design
Codes come from a segment allocator in MySQL and are base62-encoded to seven characters.
Redirects answer 302 so that every click is counted and links can be disabled later.
Redis holds code to URL with cache-aside and negative caching for unknown codes.
`;

describe('LLM critic (local OpenAI-compatible endpoint)', () => {
  const server = new FakeOpenAiServer();
  let baseUrl = '';
  const restores: (() => void)[] = [];
  const config = () => vscode.workspace.getConfiguration('sdcoach.llm');
  const folder = () => vscode.Uri.joinPath(workspaceFolder().uri, 'system-design', 'url-shortener');
  const answerUri = () => vscode.Uri.joinPath(folder(), 'answer.md');

  /** A model reply scoring each url-shortener criterion, quoting one real sentence and one invented one. */
  const modelReply = async () => {
    const catalog = await (await activateExtension()).catalog.get();
    const entry = catalog.entries.find((candidate) => candidate.id === 'url-shortener')!;
    return JSON.stringify({
      criteria: entry.rubric.map((criterion, index) => ({
        id: criterion.id,
        score: Math.min(criterion.weight, 3),
        evidence: index === 0 ? [{ quote: 'Redirects answer 302 so that every click is counted' }, { quote: 'We run active-active in three regions with CRDTs.' }] : [],
        missing: ['numbers for the read path'],
      })),
      level: 'senior',
      followUps: ['What happens when Redis restarts cold?', 'How do you stop code enumeration?'],
      topFixes: ['Size the cache from the read QPS.', 'Describe allocator failover.'],
    });
  };

  /** Answers the consent dialog with `choice` and records what it said. */
  const consent = (choice: string | undefined) => {
    const asked: string[] = [];
    restores.push(
      stubWindow('showWarningMessage', (async (message: string, ...rest: unknown[]) => {
        const options = rest[0] as vscode.MessageOptions | undefined;
        asked.push(`${message}\n${options?.detail ?? ''}`);
        return choice;
      }) as typeof vscode.window.showWarningMessage),
    );
    return asked;
  };

  /** Records error messages instead of showing them. */
  const errors = () => {
    const shown: string[] = [];
    restores.push(
      stubWindow('showErrorMessage', (async (message: string) => {
        shown.push(message);
        return undefined;
      }) as typeof vscode.window.showErrorMessage),
    );
    return shown;
  };

  before(async () => {
    await activateExtension();
    baseUrl = await server.start();
    await config().update('provider', 'openai-compatible', vscode.ConfigurationTarget.Global);
    await config().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
    await config().update('model', 'gpt-int', vscode.ConfigurationTarget.Global);
    await config().update('timeoutSeconds', 10, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.createDirectory(folder());
    await vscode.workspace.fs.writeFile(answerUri(), new TextEncoder().encode(ANSWER));
  });

  afterEach(() => {
    while (restores.length) restores.pop()!();
    assert.equal(server.reset(), 0, 'every scripted reply was used');
  });

  after(async () => {
    for (const key of ['provider', 'baseUrl', 'model', 'timeoutSeconds']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server.stop();
    await closeAllEditors();
  });

  it('Set API Key stores the key in SecretStorage for this endpoint only, never in settings', async () => {
    const api = await activateExtension();
    const prompts: vscode.InputBoxOptions[] = [];
    restores.push(
      stubWindow('showInputBox', async (options) => {
        prompts.push(options ?? {});
        return KEY;
      }),
    );
    await vscode.commands.executeCommand('sdcoach.setApiKey');
    assert.equal(prompts.length, 1);
    assert.equal(prompts[0].password, true, 'the key is typed in a password box');
    assert.equal(await api.llm.getApiKey(baseUrl), KEY);
    assert.equal(await api.llm.getApiKey(`${baseUrl}/`), KEY, 'the same endpoint written with a trailing slash');
    assert.equal(await api.llm.getApiKey('https://api.example.com/v1'), undefined, 'another endpoint gets no key');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('sdcoach'));
    assert.ok(!settings.includes(KEY), 'not in any setting');
  });

  it('Review asks consent once, then writes the LLM scores beside the offline ones; invented quotes are dropped', async () => {
    const asked = consent('Send');
    const shown = errors();
    assert.equal(
      Object.keys(require.cache).some((path) => path.endsWith('llmRuntime.js')),
      false,
      'the openai client is not loaded before the first request',
    );
    server.reply({ content: await modelReply(), chunks: 8 });
    const offline = (await vscode.commands.executeCommand<Review>('sdcoach.reviewAnswer', answerUri()))!;
    assert.deepEqual(shown, []);
    assert.equal(asked.length, 1, 'consent asked before the first request');
    assert.ok(asked[0].includes(baseUrl) && asked[0].includes('gpt-int'), asked[0]);
    assert.ok(Object.keys(require.cache).some((path) => path.endsWith('llmRuntime.js')), 'loaded on the first request');
    const [request] = server.requests;
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(request.body.model, 'gpt-int');
    assert.equal(request.body.stream, true, 'streamed, for progress');
    assert.equal(request.body.response_format?.type, 'json_schema');
    assert.ok(request.body.messages?.[1].content.includes('Redis holds code to URL with cache-aside'), 'the answer was sent');

    const review = await readText(vscode.Uri.joinPath(folder(), 'review.md'));
    const host = new URL(baseUrl).host;
    assert.ok(review.includes(`## LLM review — gpt-int at ${host}`), review);
    assert.ok(review.includes(`offline ${offline.total} / 100`));
    assert.match(review, /“Redirects answer 302 so that every click is counted” — \[line 9\]\(answer\.md#L9\)/);
    assert.match(review, /1 quote\(s\) the model gave are not in your answer or diagram and were dropped/);
    assert.ok(!review.includes(KEY));

    // Consent is remembered per endpoint: the second review asks nothing.
    server.reply({ content: await modelReply() });
    await vscode.commands.executeCommand('sdcoach.reviewAnswer', answerUri());
    assert.equal(asked.length, 1);
    assert.equal(server.requests.length, 2);
  });

  it('a failed request (401 echoing the key): a localised error without the key, review.md left as the offline review, no key in the log', async () => {
    const api = await activateExtension();
    consent('Send');
    const shown = errors();
    server.reply({ status: 401, message: `Incorrect API key provided: ${KEY}.` });
    const reviewUri = vscode.Uri.joinPath(folder(), 'review.md');
    await vscode.commands.executeCommand('sdcoach.reviewAnswer', answerUri());
    await waitFor(() => (shown.length ? true : undefined), 'the error message');
    assert.equal(shown[0], `${baseUrl} did not accept the API key (401): Incorrect API key provided: [redacted]. The offline review stands.`);
    assert.ok(!shown[0].includes(KEY));
    const review = await readText(reviewUri);
    assert.ok(!review.includes('## LLM review'), 'the offline review only');
    assert.ok(review.startsWith('# Review: Design a URL shortener'));

    // The output channel's log file (written asynchronously): the request and the failure, never the key.
    const log = await poll(async () => {
      const files = (await filesUnder(vscode.Uri.joinPath(api.logUri, '..'))).filter((uri) => uri.path.endsWith('System Design Coach.log'));
      const all = (await Promise.all(files.map(readText))).join('\n');
      return all.includes('auth 401') ? all : undefined;
    }, 'the failure in the output channel log');
    assert.ok(log.includes(`POST ${baseUrl}/chat/completions model=gpt-int`), 'the log has the requests');
    assert.ok(!log.includes(KEY), 'but never the key');
  });

  it('Preview LLM Request opens the exact messages and the destination, without the key', async () => {
    await vscode.commands.executeCommand('sdcoach.previewLlmRequest', answerUri());
    const document = await waitFor(() => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document.isUntitled && editor.document.getText().startsWith('# LLM request preview') ? editor.document : undefined;
    }, 'the preview document');
    const text = document.getText();
    assert.ok(text.includes(`Destination: ${baseUrl}/chat/completions`));
    assert.match(text, /## 1\. system\n/);
    assert.match(text, /## 2\. user\n/);
    assert.ok(text.includes('Redis holds code to URL with cache-aside'));
    assert.ok(!text.includes(KEY));
    assert.equal(server.requests.length, 0, 'a preview sends nothing');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('declining consent sends nothing, and a new endpoint asks again', async () => {
    const asked = consent(undefined);
    const shown = errors();
    // The same server under another name is another destination (and, being local, needs no key).
    const other = baseUrl.replace('127.0.0.1', 'localhost');
    await config().update('baseUrl', other, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('sdcoach.reviewAnswer', answerUri());
    } finally {
      await config().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
    }
    assert.equal(asked.length, 1);
    assert.ok(asked[0].includes(other));
    assert.equal(server.requests.length, 0);
    assert.deepEqual(shown, []);
  });

  it('errors name the cause: unknown model, unreachable endpoint, missing key', async () => {
    consent('Send');
    const shown = errors();
    server.reply({ status: 404, message: 'The model `gpt-int` does not exist or you do not have access to it.', code: 'model_not_found' });
    await vscode.commands.executeCommand('sdcoach.reviewAnswer', answerUri());
    assert.match(shown.at(-1) ?? '', /The model "gpt-int" is not available at http:\/\/127\.0\.0\.1:\d+\/v1/);

    // A port that was free a moment ago: nothing listens there, so the connection is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/v1`;
    await new Promise((resolve) => probe.close(resolve));
    await config().update('baseUrl', closed, vscode.ConfigurationTarget.Global);
    try {
      const api = await activateExtension();
      await api.llm.setApiKey(closed, 'sk-unused-key-000000');
      await vscode.commands.executeCommand('sdcoach.reviewAnswer', answerUri());
      assert.equal(shown.at(-1), `Cannot reach ${closed}: ECONNREFUSED. Check sdcoach.llm.baseUrl and that the server is running. The offline review stands.`);
      await api.llm.deleteApiKey(closed);
      await config().update('baseUrl', 'https://api.example.com/v1', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('sdcoach.reviewAnswer', answerUri());
      assert.match(shown.at(-1) ?? '', /No API key is stored for https:\/\/api\.example\.com\/v1\. Run "Set API Key"\./);
    } finally {
      await config().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
    }
  });

  it('Choose LLM Provider: a preset fills the endpoint and suggests a model, then asks for that endpoint’s key', async () => {
    const api = await activateExtension();
    const offered: string[] = [];
    restores.push(
      stubWindow('showQuickPick', (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
        const list = await items;
        offered.push(...list.map((item) => item.label));
        return list.find((item) => item.label === 'DeepSeek');
      }) as unknown as typeof vscode.window.showQuickPick),
    );
    const boxes: vscode.InputBoxOptions[] = [];
    restores.push(
      stubWindow('showInputBox', async (options) => {
        boxes.push(options ?? {});
        // First the model (keep the suggestion), then the key.
        return boxes.length === 1 ? options?.value : 'sk-deepseek-test-0000000000';
      }),
    );
    try {
      await vscode.commands.executeCommand('sdcoach.chooseLlmProvider');
      assert.ok(['OpenAI', 'Azure OpenAI', 'DeepSeek', 'Qwen (DashScope compatible mode)', 'Moonshot (Kimi)', 'Ollama (local)', 'LM Studio (local)'].every((label) => offered.includes(label)), offered.join(', '));
      assert.equal(config().get('provider'), 'openai-compatible');
      assert.equal(config().get('baseUrl'), 'https://api.deepseek.com/v1');
      assert.equal(config().get('model'), 'deepseek-chat');
      assert.equal(boxes[1]?.password, true, 'then the key, in a password box');
      assert.equal(await api.llm.getApiKey('https://api.deepseek.com/v1'), 'sk-deepseek-test-0000000000');
      assert.equal(await api.llm.getApiKey(baseUrl), KEY, 'the other endpoint keeps its own key');
    } finally {
      await api.llm.deleteApiKey('https://api.deepseek.com/v1');
      await config().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
      await config().update('model', 'gpt-int', vscode.ConfigurationTarget.Global);
    }
  });

  it('chat() serves other features (the mock interviewer) through the same provider, consent and key', async () => {
    const api = await activateExtension();
    consent('Send');
    server.reply({ content: 'What happens to in-flight redirects when Redis fails over?' });
    const response = await api.llm.chat(
      { messages: [{ role: 'user', content: 'Ask one question about caching.' }] },
      'the interview transcript',
      async () => undefined,
    );
    assert.equal(response?.text, 'What happens to in-flight redirects when Redis fails over?');
    assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
  });

  describe('VS Code language models (vscode-lm)', () => {
    before(async () => {
      await config().update('provider', 'vscode-lm', vscode.ConfigurationTarget.Global);
      await config().update('model', '', vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await config().update('provider', 'openai-compatible', vscode.ConfigurationTarget.Global);
      await config().update('model', 'gpt-int', vscode.ConfigurationTarget.Global);
    });

    it('with no chat model installed, the review says so and the offline review stands', async function () {
      const models = await vscode.lm.selectChatModels();
      if (models.length > 0) {
        console.log(`    skipped: ${models.length} chat model(s) are installed (${models.map((model) => model.id).join(', ')})`);
        this.skip();
      }
      consent('Send');
      const shown = errors();
      const review = await vscode.commands.executeCommand<Review>('sdcoach.reviewAnswer', answerUri());
      assert.ok(review, 'the offline review');
      assert.match(shown.at(-1) ?? '', /^No VS Code language model is available\. Install and sign in to an extension that provides one, such as GitHub Copilot\. The offline review stands\.$/);
    });

    it('reviews with an installed chat model (e.g. Copilot)', async function () {
      const models = await vscode.lm.selectChatModels();
      if (models.length === 0) {
        console.log('    skipped: no chat model is installed in this VS Code (needs e.g. GitHub Copilot signed in), so there is nothing to review with');
        this.skip();
      }
      consent('Send');
      const shown = errors();
      await vscode.commands.executeCommand('sdcoach.reviewAnswer', answerUri());
      const review = await readText(vscode.Uri.joinPath(folder(), 'review.md'));
      assert.ok(review.includes('## LLM review') || shown.length > 0, 'a review, or a clear error such as a declined consent');
    });
  });
});

/** Polls an async check until it returns a value. */
async function poll<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
