import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { fromSnapshot, toSnapshot } from '../../src/core/catalog/catalogSnapshot';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';

describe('catalogue snapshot (dist/catalog.json)', () => {
  it('gives back exactly the catalogue that parsing catalog/ gives', async () => {
    const parsed = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog', import.meta.url))));
    const restored = fromSnapshot(JSON.stringify(toSnapshot(parsed)));
    assert.deepEqual(restored, parsed);
  });

  it('refuses a catalogue with problems, and text that is not a snapshot of this format', () => {
    assert.throws(() => toSnapshot({ categories: [], entries: [], problems: [{ path: 'x.md', origin: 'builtin', code: 'yaml', detail: 'bad' }] }));
    assert.equal(fromSnapshot('not json'), undefined);
    assert.equal(fromSnapshot(JSON.stringify({ format: 2, categories: [], entries: [] })), undefined);
    assert.equal(fromSnapshot(JSON.stringify({ format: 1, categories: [] })), undefined);
  });
});
