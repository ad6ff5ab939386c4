// `sdcoach review --llm` against a local OpenAI-compatible server, through the real openai client.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FakeOpenAiServer } from '../support/fakeOpenAiServer';

const SOURCE_CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const BUILT_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const KEY = 'sk-cli-test-KEY-9f8e7d6c5b4a';
const ANSWER = fileURLToPath(new URL('../fixtures/eval/url-shortener/middling.md', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process, which serves the fake endpoint. */
function sdcoach(args: string[], env: Record<string, string | undefined>, cli = SOURCE_CLI): Promise<Run> {
  const node = cli.endsWith('.ts') ? ['--import', 'tsx', cli] : [cli];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...node, ...args], { env: { ...process.env, OPENAI_API_KEY: undefined, SDCOACH_API_KEY: undefined, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A reply from the model that scores each url-shortener criterion, with one real and one invented quote. */
function modelReply(answer: string, ids: string[]): string {
  const real = answer.split('\n').find((line) => line.trim().length > 40)!.trim();
  return JSON.stringify({
    criteria: ids.map((id, index) => ({
      id,
      score: 1,
      evidence: index === 0 ? [{ quote: real }, { quote: 'We replicate to three regions with Raft.' }] : [],
      missing: ['more detail'],
    })),
    level: 'mid',
    followUps: ['Where does a viral link’s load land?', 'How is a failed-over allocator kept from reissuing ranges?'],
    topFixes: ['Quantify the read path.', 'Explain 301 versus 302.'],
  });
}

describe('sdcoach review --llm', () => {
  const server = new FakeOpenAiServer();
  let baseUrl = '';
  const answer = readFileSync(ANSWER, 'utf8');
  before(async () => {
    baseUrl = await server.start();
  });
  after(() => server.stop());
  beforeEach(() => assert.equal(server.reset(), 0, 'the previous test used its whole script'));

  it('adds llm {criteria, droppedQuotes, model} to the JSON; the key comes from SDCOACH_API_KEY and is sent only as the bearer token', async () => {
    const ids = await rubricIds();
    server.reply({ content: modelReply(answer, ids) });
    const run = await sdcoach(['review', '--problem', 'url-shortener', '--answer', ANSWER, '--json', '--lang', 'en', '--llm', '--base-url', baseUrl, '--model', 'gpt-cli'], { SDCOACH_API_KEY: KEY });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.llm.model, 'gpt-cli');
    assert.equal(out.llm.criteria.length, ids.length);
    assert.equal(out.llm.droppedQuotes.length, 1);
    assert.equal(out.llm.droppedQuotes[0].quote, 'We replicate to three regions with Raft.');
    assert.equal(out.llm.criteria[0].evidence.length, 1);
    assert.ok(out.llm.criteria[0].evidence[0].line >= 1, '1-based line');
    assert.equal(typeof out.total, 'number', 'the offline review is still there');
    assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY));
  });

  it('falls back to OPENAI_API_KEY; a 401 that echoes the key exits 3, prints the offline review and a redacted error', async () => {
    server.reply({ status: 401, message: `Incorrect API key provided: ${KEY}.` });
    const run = await sdcoach(['review', '--problem', 'url-shortener', '--answer', ANSWER, '--lang', 'en', '--llm', '--base-url', baseUrl, '--model', 'gpt-cli'], { OPENAI_API_KEY: KEY });
    assert.equal(run.status, 3);
    assert.match(run.stdout, /^# Review: Design a URL shortener/, 'the offline review stands');
    assert.match(run.stderr, /LLM review failed: Incorrect API key provided: \[redacted\]/);
    assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
    assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY), 'the key appears in no output');
  });

  it('--llm without --base-url or --model is a usage error (exit 2)', async () => {
    const run = await sdcoach(['review', '--problem', 'url-shortener', '--answer', ANSWER, '--llm'], {});
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--llm needs --base-url <url> and --model <name>/);
  });

  it('--prompts replaces a template; a broken one is reported with its file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-prompts-'));
    writeFileSync(join(dir, 'system.md'), '---\ninputs: [language, tone]\n---\nBe {{tone}}.\n');
    const run = await sdcoach(['review', '--problem', 'url-shortener', '--answer', ANSWER, '--llm', '--base-url', baseUrl, '--model', 'm', '--prompts', dir], {});
    assert.equal(run.status, 1);
    assert.match(run.stderr, /system\.md: unknown input\(s\) tone/);
    assert.equal(server.requests.length, 0, 'nothing sent');
  });

  it('the built CLI loads the openai client from its own bundle', { skip: !existsSync(BUILT_CLI) && 'dist/cli.js is not built (npm run build)' }, async () => {
    server.reply({ content: modelReply(answer, await rubricIds()) });
    const run = await sdcoach(['review', '--problem', 'url-shortener', '--answer', ANSWER, '--lang', 'zh-CN', '--llm', '--base-url', baseUrl, '--model', 'gpt-built'], { SDCOACH_API_KEY: KEY }, BUILT_CLI);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /## LLM 点评 — 127\.0\.0\.1:\d+ 上的 gpt-built/);
  });
});

async function rubricIds(): Promise<string[]> {
  const run = await sdcoach(['review', '--problem', 'url-shortener', '--answer', ANSWER, '--json'], {});
  return JSON.parse(run.stdout).criteria.map((criterion: { id: string }) => criterion.id);
}
