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
});
