import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog, type CatalogEntry } from '../../src/core/catalog/catalogLoader';
import { reviewAnswer, reviewMarkdown } from '../../src/core/critic/review';
import { isLlmError, redactSecret, type ChatProvider, type ChatRequest } from '../../src/core/llm/chat';
import { criticJsonSchema, extractJson, parseCriticReply } from '../../src/core/llm/criticOutput';
import { agreementOf, criticMessages, runLlmCritic, type CriticInput } from '../../src/core/llm/llmCritic';
import { fillTemplate, loadPromptSet, parsePromptTemplate, PromptTemplateError, type PromptSet } from '../../src/core/llm/promptTemplates';
import fc from 'fast-check';
import { QuoteVerifier } from '../../src/core/llm/quoteVerifier';
import { OpenAiChatProvider } from '../../src/llm/openAiChatProvider';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';
import { FakeOpenAiServer } from '../support/fakeOpenAiServer';

const PROMPTS = fileURLToPath(new URL('../../prompts/', import.meta.url));
const EVAL = fileURLToPath(new URL('../fixtures/eval/url-shortener/', import.meta.url));
const readShipped = (file: string) => readFile(join(PROMPTS, file), 'utf8').catch(() => undefined);

/** A provider that answers from a script and records what it was asked. */
class ScriptedProvider implements ChatProvider {
  readonly destination = 'scripted.test';
  readonly model = 'scripted-1';
  readonly requests: ChatRequest[] = [];
  constructor(private readonly replies: string[]) {}
  async chat(request: ChatRequest) {
    this.requests.push(request);
    const text = this.replies.shift();
    if (text === undefined) throw new Error('no scripted reply left');
    return { text, model: this.model, structured: true };
  }
}

describe('LLM critic', async () => {
  const catalog = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog/', import.meta.url))));
  const entry = catalog.entries.find((candidate) => candidate.id === 'url-shortener') as CatalogEntry;
  const answer = readFileSync(join(EVAL, 'strong.md'), 'utf8');
  const diagram = readFileSync(join(EVAL, 'strong.mmd'), 'utf8');
  const input: CriticInput = { entry, answer, diagram, language: 'en' };
  const offline = reviewAnswer({ entry, answer, diagram });
  const prompts: PromptSet = await loadPromptSet(readShipped);

  /** A reply that scores every criterion, quoting `quotes[id]` when given. */
  const reply = (overrides: { quotes?: Record<string, string[]>; scores?: Record<string, number>; extra?: object } = {}) =>
    JSON.stringify({
      criteria: entry.rubric.map((criterion) => ({
        id: criterion.id,
        score: overrides.scores?.[criterion.id] ?? Math.round(criterion.weight * 0.7),
        evidence: (overrides.quotes?.[criterion.id] ?? []).map((quote) => ({ quote })),
        missing: [`more depth on ${criterion.id}`],
      })),
      level: 'senior',
      followUps: ['What happens when Redis is cold after a restart?', 'How do you stop code enumeration?'],
      topFixes: ['Explain how a failed-over allocator avoids reissuing ranges.', 'Put numbers on the cache hit ratio.'],
      ...overrides.extra,
    });

  it('asks with the shipped prompts: rubric ids and maxima, the answer without template comments, the diagram, never the reference', () => {
    const messages = criticMessages(prompts, { ...input, answer: `<!-- Write your requirements here -->\n${answer}` });
    assert.deepEqual(
      messages.map((message) => message.role),
      ['system', 'user'],
    );
    assert.match(messages[0].content, /in English/);
    const user = messages[1].content;
    assert.match(user, /## Problem: Design a URL shortener/);
    for (const criterion of entry.rubric) assert.ok(user.includes(`\`${criterion.id}\` (max ${criterion.weight})`), criterion.id);
    assert.ok(user.includes('links_per_month = 100M'), 'the answer');
    assert.ok(!user.includes('Write your requirements here'), 'template prompts are not part of the answer');
    assert.ok(user.includes(diagram.trim().split('\n')[1].trim()), 'the diagram');
    const referenceLine = entry.reference.en.split('\n').find((line) => line.trim().length > 60)!;
    assert.ok(!user.includes(referenceLine.trim()), 'the reference answer stays out of the prompt');
    assert.ok(!/\{\{\w+\}\}/.test(user.replace(answer, '')), 'every placeholder filled');
  });

  it('in Chinese: the system prompt asks for Simplified Chinese and the rubric is in Chinese', () => {
    const messages = criticMessages(prompts, { ...input, language: 'zh-CN' });
    assert.match(messages[0].content, /Simplified Chinese/);
    assert.ok(messages[1].content.includes(entry.rubric[0].title['zh-CN']));
  });

  it('keeps quotes that are in the answer (tidied or elided), drops invented ones and counts them', async () => {
    const provider = new ScriptedProvider([
      reply({
        quotes: {
          [entry.rubric[0].id]: [
            // verbatim
            'Write load is tiny. What matters is read latency, availability and abuse.',
            // curly quotes, joined whitespace and an ellipsis
            'After five years there are 6B rows … about 3 TB of link data',
            // invented
            'We shard MySQL by user id with 1024 virtual buckets.',
          ],
          [entry.rubric[1].id]: ['tiny'],
        },
      }),
    ]);
    const llm = await runLlmCritic(provider, prompts, input, offline);
    const first = llm.criteria[0];
    assert.equal(first.evidence.length, 2);
    const line = answer.split('\n').findIndex((text) => text.includes('Write load is tiny'));
    assert.deepEqual(
      first.evidence.map((item) => [item.source, item.line]),
      [
        ['answer', line],
        ['answer', line],
      ],
    );
    assert.deepEqual(
      llm.droppedQuotes.map((dropped) => [dropped.criterion, dropped.reason]),
      [
        [entry.rubric[0].id, 'notFound'],
        [entry.rubric[1].id, 'tooShort'],
      ],
    );
    assert.equal(llm.total, entry.rubric.reduce((sum, criterion) => sum + Math.round(criterion.weight * 0.7), 0));
    assert.equal(llm.repaired, false);
    assert.equal(provider.requests[0].responseSchema?.name, 'design_review');
  });

  it('verifies quotes in Chinese and in the diagram', () => {
    const verifier = new QuoteVerifier([
      { id: 'answer', text: '# 答案\n\n热点 key 先走本地缓存，再走 Redis 集群。\n' },
      { id: 'diagram', text: 'flowchart LR\n  redir["redirect-svc (Go)<br/>local LRU"] --> redis[(Redis Cluster)]\n' },
    ]);
    assert.deepEqual(verifier.check('热点 key 先走本地缓存'), { ok: true, source: 'answer', line: 2 });
    assert.deepEqual(verifier.check('热点key先走本地缓存'), { ok: false, reason: 'notFound' }, 'a dropped space is a different text');
    assert.deepEqual(verifier.check('redirect-svc (Go)<br/>local LRU'), { ok: true, source: 'diagram', line: 1 });
    assert.deepEqual(verifier.check('本地缓存'), { ok: true, source: 'answer', line: 2 });
    assert.deepEqual(verifier.check('缓存'), { ok: false, reason: 'tooShort' });
  });

  it('property: any stretch of the answer, however the model re-spaces or re-quotes it, is found on its line; altered text is not', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_]{1,10}$/),
      fc.constantFrom('缓存击穿', '热点', '主从复制', 'Redis', 'MySQL', '“quoted”', '**bold**', '`code`', '，', '3万'),
    );
    const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), fc.nat(), (lines, at, from, length) => {
        const text = lines.join('\n');
        const index = at % lines.length;
        const words = lines[index].split(' ');
        const start = from % words.length;
        const quote = words.slice(start, start + 1 + (length % 8)).join(' ');
        const verifier = new QuoteVerifier([{ id: 'answer', text }]);
        const result = verifier.check(`“${quote.replace(/ /g, '  ')}”`);
        if (result.ok) {
          // Found: on the line it came from, or an earlier line with the same words.
          assert.ok(result.line <= index, `${quote} at ${result.line}, taken from ${index}`);
          assert.ok(lines[result.line].replace(/\s+/g, ' ').length > 0);
        } else {
          assert.equal(result.reason, 'tooShort', `"${quote}" from line ${index} must be found`);
        }
        // Any change of a letter not in the text makes a long enough quote unverifiable.
        const altered = `${quote} zqxjv-not-in-the-answer`;
        assert.equal(verifier.check(altered).ok, false);
      }),
      { numRuns: 2000, seed: 20261126 },
    );
  });

  it('malformed JSON, then a repaired reply: one retry that carries the problems, and the result stands', async () => {
    const provider = new ScriptedProvider(['Sure! {"criteria": [ {"id": oops', reply()]);
    const problems: string[][] = [];
    const llm = await runLlmCritic(provider, prompts, input, offline, { onRepair: (list) => problems.push(list) });
    assert.equal(llm.repaired, true);
    assert.equal(provider.requests.length, 2);
    const retry = provider.requests[1].messages;
    assert.equal(retry.at(-2)?.role, 'assistant');
    assert.equal(retry.at(-2)?.content, 'Sure! {"criteria": [ {"id": oops');
    assert.match(retry.at(-1)!.content, /not valid JSON/);
    assert.equal(problems.length, 1);
  });

  it('a score above the criterion maximum is sent back for repair with the maximum named', async () => {
    const [first] = entry.rubric;
    const provider = new ScriptedProvider([reply({ scores: { [first.id]: first.weight + 5 } }), reply()]);
    await runLlmCritic(provider, prompts, input, offline);
    assert.match(provider.requests[1].messages.at(-1)!.content, new RegExp(`criteria\\.${first.id}\\.score: at most ${first.weight}`));
  });

  it('invalid twice: an "invalidOutput" error, so the offline result stands', async () => {
    const provider = new ScriptedProvider(['not json', JSON.stringify({ criteria: [], level: 'guru' })]);
    const error = await runLlmCritic(provider, prompts, input, offline).catch((caught: unknown) => caught);
    assert.ok(isLlmError(error));
    assert.equal(error.kind, 'invalidOutput');
  });

  it('tolerant extraction: bare JSON, a ```json fence, or the first balanced object in prose', () => {
    assert.deepEqual(extractJson('{"a":1}'), { a: 1 });
    assert.deepEqual(extractJson('Here it is:\n```json\n{"a":"}"}\n```\nThanks'), { a: '}' });
    assert.deepEqual(extractJson('My review: {"a": {"b": "x{y"}} — hope it helps'), { a: { b: 'x{y' } });
    assert.throws(() => extractJson('no json here'));
  });

  it('the JSON schema sent to the endpoint is strict and lists only this entry’s criteria', () => {
    const schema = criticJsonSchema(entry) as { additionalProperties: boolean; required: string[]; properties: { criteria: { items: { properties: { id: { enum: string[] } } } } } };
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required.sort(), ['criteria', 'followUps', 'level', 'topFixes']);
    assert.deepEqual(schema.properties.criteria.items.properties.id.enum, entry.rubric.map((criterion) => criterion.id));
    assert.equal('$schema' in schema, false);
    const unknownId = parseCriticReply(reply().replace(`"${entry.rubric[0].id}"`, '"made-up"'), entry);
    assert.equal(unknownId.ok, false);
  });

  it('agreement: within 20% of the maximum agrees, within 40% partly, beyond disagrees', () => {
    assert.equal(agreementOf(8, 10, 10), 'agree');
    assert.equal(agreementOf(5, 8, 10), 'partly');
    assert.equal(agreementOf(2, 9, 10), 'disagree');
  });

  it('review.md shows both scores per criterion, linked quotes, follow-ups, fixes and the dropped quotes', async () => {
    const provider = new ScriptedProvider([reply({ quotes: { [entry.rubric[0].id]: ['Write load is tiny.', 'An invented sentence about sharding by tenant'] } })]);
    const llm = await runLlmCritic(provider, prompts, input, offline);
    const markdown = reviewMarkdown(offline, entry, 'en', { files: { answer: 'answer.md', diagram: 'architecture.mmd' }, llm });
    assert.match(markdown, /## LLM review — scripted-1 at scripted\.test/);
    assert.match(markdown, new RegExp(`offline ${offline.total} / 100`));
    const [first] = entry.rubric;
    const offlineFirst = offline.criteria[0].score;
    assert.ok(markdown.includes(`| ${first.title.en} | ${offlineFirst} / ${first.weight} | ${Math.round(first.weight * 0.7)} / ${first.weight} |`), 'side-by-side row');
    const line = answer.split('\n').findIndex((text) => text.includes('Write load is tiny')) + 1;
    assert.ok(markdown.includes(`“Write load is tiny.” — [line ${line}](answer.md#L${line})`));
    assert.match(markdown, /1 quote\(s\) the model gave are not in your answer/);
    assert.match(markdown, /### Dropped quotes\n\n- `[a-z-]+`: “An invented sentence about sharding by tenant” \(not in your files\)/);
    assert.match(markdown, /### Follow-up questions\n\n1\. What happens when Redis is cold/);
    assert.match(markdown, /### The two fixes that matter most\n\n1\. Explain how/);
    const chinese = reviewMarkdown(offline, entry, 'zh-CN', { files: { answer: 'answer.md' }, llm });
    assert.match(chinese, /## LLM 点评/);
    assert.match(chinese, /\| 评分项 \| 离线 \| LLM \| 一致性 \|/);
    assert.match(chinese, /水平: 高级/);
    assert.match(markdown, /\| Criterion \| Offline \| LLM \| Agreement \|/);
    assert.match(markdown, /level: senior ·/);
  });

  describe('prompt templates', () => {
    it('a user folder replaces one template and keeps the others', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'sdcoach-prompts-'));
      writeFileSync(join(folder, 'system.md'), '---\ninputs: [language]\n---\nBe brief. Answer in {{language}}.\n');
      const set = await loadPromptSet(readShipped, { read: (file) => readFile(join(folder, file), 'utf8').catch(() => undefined), describe: (file) => join(folder, file) });
      assert.equal(fillTemplate(set.system, { language: 'English' }), 'Be brief. Answer in English.');
      assert.equal(set.system.origin, join(folder, 'system.md'));
      assert.equal(set.critic.origin, 'prompts/critic.md');
    });

    it('an unknown or unlisted variable is an error naming the file', () => {
      assert.throws(() => parsePromptTemplate('system', '---\ninputs: [language, mood]\n---\n{{language}}', 'mine/system.md'), (error: unknown) => {
        assert.ok(error instanceof PromptTemplateError);
        assert.match(error.message, /^mine\/system\.md: unknown input\(s\) mood/);
        return true;
      });
      assert.throws(() => parsePromptTemplate('system', '---\ninputs: []\n---\n{{language}}', 'mine/system.md'), /\{\{language\}\} is used but not listed/);
      assert.throws(() => parsePromptTemplate('system', 'no front matter', 'mine/system.md'), /front matter must be/);
    });

    it('placeholders inside the answer are not expanded', () => {
      const messages = criticMessages(prompts, { ...input, answer: 'Template says {{language}} and {{answer}}.' });
      assert.ok(messages[1].content.includes('Template says {{language}} and {{answer}}.'));
    });

    it('every shipped template parses, with only known variables', async () => {
      const set = await loadPromptSet(readShipped);
      assert.equal(Object.keys(set).length, 8);
    });
  });

  it('redaction removes the key, bearer tokens and sk- keys from any text', () => {
    const text = 'Incorrect API key provided: sk-abc123456789XYZ. Header Authorization: Bearer abcdefghijklmnop; url ?api_key=zzzzzzzz&x=1 and custom key my-own-secret-key';
    const out = redactSecret(text, 'my-own-secret-key');
    for (const secret of ['sk-abc123456789XYZ', 'abcdefghijklmnop', 'zzzzzzzz', 'my-own-secret-key']) assert.ok(!out.includes(secret), secret);
  });

  describe('through the real openai client and a local endpoint', () => {
    const server = new FakeOpenAiServer();
    let baseUrl = '';
    before(async () => {
      baseUrl = await server.start();
    });
    after(() => server.stop());

    it('JSON schema path, streamed: the request carries the schema; quotes verified', async () => {
      server.reset();
      server.reply({ content: reply({ quotes: { [entry.rubric[0].id]: ['Write load is tiny.'] } }), chunks: 12 });
      const provider = new OpenAiChatProvider({ baseUrl, model: 'gpt-test', apiKey: 'sk-local-test-key-123', timeoutMs: 5000 });
      let streamed = 0;
      const llm = await runLlmCritic(provider, prompts, input, offline, { onText: (count) => (streamed = count) });
      assert.equal(server.requests[0].body.response_format?.type, 'json_schema');
      assert.equal(server.requests[0].body.stream, true);
      assert.ok(streamed > 100);
      assert.equal(llm.structured, true);
      assert.equal(llm.criteria[0].evidence.length, 1);
      assert.equal(llm.destination, new URL(baseUrl).host);
    });

    it('plain-text path: the endpoint refuses the schema, the reply comes in prose with a fence, and still validates', async () => {
      server.reset();
      server.reply({ status: 400, message: 'Invalid parameter: response_format of type json_schema is not supported with this model' }, { content: `Here is my assessment.\n\`\`\`json\n${reply()}\n\`\`\`` });
      const provider = new OpenAiChatProvider({ baseUrl, model: 'deepseek-chat', apiKey: 'sk-local-test-key-123', timeoutMs: 5000 });
      const llm = await runLlmCritic(provider, prompts, input, offline);
      assert.equal(llm.structured, false);
      assert.equal(server.requests[1].body.response_format, undefined);
      assert.match(server.requests[1].body.messages?.[1].content ?? '', /Reply with one JSON object and nothing else/, 'the prompt itself asks for JSON');
      assert.equal(llm.criteria.length, entry.rubric.length);
    });
  });
});
