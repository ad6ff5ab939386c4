import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort();

describe('localisation', () => {
  it('every %key% in package.json is defined in package.nls.json and translated in package.nls.zh-cn.json', () => {
    const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]);
    const english = readJson('package.nls.json');
    const chinese = readJson('package.nls.zh-cn.json');
    assert.ok(used.length > 10);
    for (const key of used) {
      assert.ok(key in english, `package.nls.json defines ${key}`);
    }
    assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort(), 'zh-cn has exactly the English keys');
    for (const [key, value] of Object.entries(chinese)) {
      if (english[key] === 'System Design Coach') continue; // the product name stays as it is
      assert.notEqual(value, english[key], `${key} is translated`);
    }
  });

  it('l10n/bundle.l10n.json is up to date with the vscode.l10n.t calls in src/', () => {
    const out = mkdtempSync(join(tmpdir(), 'sdcoach-l10n-'));
    execFileSync(process.execPath, [join(ROOT, 'node_modules/@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', out, join(ROOT, 'src')], {
      stdio: 'ignore',
    });
    const extracted = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8'));
    assert.deepEqual(readJson('l10n/bundle.l10n.json'), extracted, 'run: npx @vscode/l10n-dev export --outDir l10n ./src');
  });

  it('every runtime string has a Chinese translation with the same placeholders', () => {
    const english = readJson('l10n/bundle.l10n.json') as Record<string, string>;
    const chinese = readJson('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
    for (const [key, value] of Object.entries(chinese)) {
      assert.match(value, /[\u4e00-\u9fff]/, `"${key}" is translated`);
      assert.deepEqual(placeholders(value), placeholders(key), `"${key}" keeps its placeholders`);
    }
  });
});
