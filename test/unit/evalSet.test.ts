// The critic's accuracy check: for every entry in test/fixtures/eval, a strong, a middling and a weak
// answer (written without the rubric in view) must score in that order.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { reviewAnswer } from '../../src/core/critic/review';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';

const EVAL = fileURLToPath(new URL('../fixtures/eval/', import.meta.url));
const LEVELS = ['strong', 'middling', 'weak'] as const;
const ids = readdirSync(EVAL, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const read = (id: string, file: string) => readFileSync(`${EVAL}${id}/${file}`, 'utf8');

describe('eval set: strong > middling > weak for every entry', async () => {
  const catalog = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog/', import.meta.url))));

  it('covers at least 10 entries, in both languages, with an answer and a diagram at each level', () => {
    assert.ok(ids.length >= 10, `${ids.length} entries`);
    const chinese = ids.filter((id) => /[\u4e00-\u9fff]{20}/.test(read(id, 'strong.md')));
    assert.ok(chinese.length >= 3 && chinese.length <= ids.length - 3, `Chinese answers for ${chinese.join(', ')}`);
    for (const id of ids) {
      assert.ok(catalog.entries.some((entry) => entry.id === id), `${id} is a catalogue entry`);
      for (const level of LEVELS) {
        assert.ok(read(id, `${level}.md`).length > 200, `${id}/${level}.md`);
        assert.match(read(id, `${level}.mmd`), /^\s*flowchart/m, `${id}/${level}.mmd`);
      }
    }
  });

  for (const id of ids) {
    it(id, () => {
      const entry = catalog.entries.find((candidate) => candidate.id === id)!;
      const [strong, middling, weak] = LEVELS.map((level) => reviewAnswer({ entry, answer: read(id, `${level}.md`), diagram: read(id, `${level}.mmd`) }).total);
      assert.ok(strong > middling && middling > weak, `${id}: strong ${strong}, middling ${middling}, weak ${weak}`);
    });
  }
});
