import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const sdcoach = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8' });

describe('sdcoach CLI', () => {
  it('catalog --json lists the shipped entries with both titles', () => {
    const result = sdcoach('catalog', '--json');
    assert.equal(result.status, 0, result.stderr);
    const { entries, problems } = JSON.parse(result.stdout);
    assert.deepEqual(problems, []);
    const shortener = entries.find((e: { id: string }) => e.id === 'url-shortener');
    assert.deepEqual(Object.keys(shortener).sort(), ['category', 'difficulty', 'id', 'kind', 'minutes', 'tags', 'title']);
    assert.equal(shortener.kind, 'design');
    assert.match(shortener.title['zh-CN'], /短链/);
  });

  it('exits 1 and names the file when a catalogue entry is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-cli-'));
    writeFileSync(join(dir, 'categories.yaml'), '- id: redis\n  icon: zap\n  label: { en: Redis, zh-CN: Redis }\n');
    mkdirSync(join(dir, 'redis'));
    writeFileSync(join(dir, 'redis', 'hot-key.md'), '---\nid: hot-key\nkind: incident\n---\nBody\n');
    const result = sdcoach('catalog', '--catalog', dir);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^0 entries$/m);
    assert.match(result.stderr, /^redis\/hot-key\.md:\d+: schema: difficulty: /m, 'file, line and field');
  });

  it('prints usage for an unknown command and exits 2', () => {
    const result = sdcoach('grade');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /Unknown command: grade/);
    assert.match(result.stderr, /Usage: sdcoach/);
  });

  it('lint --json reports design findings with rule, severity, 1-based line and nodes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-cli-'));
    const file = join(dir, 'answer.md');
    writeFileSync(file, '# Answer\n\n```mermaid\nflowchart LR\n  app([Mobile app]) --> db[(MySQL)]\n```\n');
    const result = sdcoach('lint', file, '--json', '--lang', 'en');
    assert.equal(result.status, 0, result.stderr);
    const findings = JSON.parse(result.stdout);
    assert.deepEqual(
      findings.map((finding: { rule: string; line: number }) => [finding.rule, finding.line]),
      [['client-writes-db', 5], ['single-point-of-failure', 5]],
    );
    assert.deepEqual(findings[0].nodes, ['app', 'db']);
  });

  it('review --json scores an answer against the rubric, with evidence and estimates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-cli-'));
    const answer = join(dir, 'answer.md');
    writeFileSync(answer, '# URL shortener\n\n## Estimates\n- writes = 100M / (30 * 86400)\n- peak_write_qps = writes * 5 = 2000\n\nBase62 codes from an ID allocator; 302 redirects; Redis cache-aside.\n');
    const result = sdcoach('review', '--problem', 'url-shortener', '--answer', answer, '--json', '--lang', 'zh-CN');
    assert.equal(result.status, 0, result.stderr);
    const review = JSON.parse(result.stdout);
    assert.equal(review.problemId, 'url-shortener');
    assert.ok(review.total > 0 && review.total < 60, String(review.total));
    assert.equal(review.level, 'mid');
    assert.equal(review.criteria.reduce((sum: number, criterion: { max: number }) => sum + criterion.max, 0), 100);
    const slip = review.estimates.lines.find((line: { name: string }) => line.name === 'peak_write_qps');
    assert.equal(slip.line, 5);
    assert.ok(slip.slip, 'writing 2000 for about 193 is a slip');
    assert.match(review.criteria[0].title, /[\u4e00-\u9fff]/, 'titles in the language asked for');
  });

  it('exits 2 with a clear message for an unknown problem or an unreadable file', () => {
    const unknown = sdcoach('review', '--problem', 'no-such-problem', '--answer', 'answer.md');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown problem id "no-such-problem"/);
    const missing = sdcoach('lint', join(tmpdir(), 'does-not-exist.mmd'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Cannot read the file .*does-not-exist\.mmd: ENOENT/);
  });
});
