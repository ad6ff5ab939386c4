import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentLanguageFor } from '../../src/core/localized';
import { answerTemplate, practicePaths, starterDiagram } from '../../src/core/practice';
import { incidentEntry } from '../fixtures/entryFixture';

const incident = incidentEntry();

describe('practicePaths', () => {
  it('places answer.md and architecture.mmd under <folder>/<id>/', () => {
    assert.deepEqual(practicePaths('system-design', 'url-shortener'), {
      folder: 'system-design/url-shortener',
      answer: 'system-design/url-shortener/answer.md',
      diagram: 'system-design/url-shortener/architecture.mmd',
    });
  });

  it('normalises slashes and falls back to the default folder when the setting is blank', () => {
    assert.equal(practicePaths('\\practice\\', 'chat').answer, 'practice/chat/answer.md');
    assert.equal(practicePaths(' ', 'chat').folder, 'system-design/chat');
    assert.equal(practicePaths('/', 'chat').folder, 'system-design/chat');
  });

  it('never leaves the workspace folder', () => {
    assert.equal(practicePaths('../../etc', 'chat').folder, 'etc/chat');
    assert.equal(practicePaths('./a/./b/..', 'chat').folder, 'a/b/chat');
  });
});

describe('answerTemplate', () => {
  it('gives an incident the incident sections, in the content language', () => {
    const en = answerTemplate(incident, 'en');
    assert.deepEqual(en.match(/^## .+$/gm), [
      '## Impact and timeline',
      '## Hypotheses and investigation',
      '## Root cause',
      '## Mitigation',
      '## Durable fix',
      '## Prevention and monitoring',
    ]);
    assert.ok(en.startsWith('# Redis cache avalanche\n'));
    const zh = answerTemplate(incident, 'zh-CN');
    assert.ok(zh.startsWith('# Redis 缓存雪崩\n'));
    assert.deepEqual(zh.match(/^## .+$/gm)?.slice(0, 2), ['## 影响与时间线', '## 假设与排查']);
  });

  it('gives a design problem requirements, estimates and a high-level design', () => {
    const problem = answerTemplate({ ...incident, kind: 'design' }, 'en');
    for (const heading of ['## Requirements', '## Estimates', '## API', '## Data model', '## High-level design']) {
      assert.ok(problem.includes(heading), heading);
    }
    assert.ok(problem.endsWith('\n') && !problem.endsWith('\n\n'), 'ends with exactly one newline');
  });
});

describe('starterDiagram', () => {
  it('is a flowchart that names the problem in a comment', () => {
    const text = starterDiagram(incident, 'zh-CN');
    assert.match(text, /^%% .*Redis 缓存雪崩$/m);
    assert.match(text, /^flowchart LR$/m);
    assert.equal(text.match(/-->/g)?.length, 2);
  });
});

describe('contentLanguageFor', () => {
  it('reads every Chinese locale as Simplified Chinese and everything else as English', () => {
    assert.equal(contentLanguageFor('zh-CN'), 'zh-CN');
    assert.equal(contentLanguageFor('zh-TW'), 'zh-CN');
    assert.equal(contentLanguageFor('en-US'), 'en');
    assert.equal(contentLanguageFor('de'), 'en');
    assert.equal(contentLanguageFor(undefined), 'en');
  });
});
