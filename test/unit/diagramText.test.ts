import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagramKey } from '../../src/core/diagramKey';
import { findMermaidFences } from '../../src/core/markdownFences';

describe('diagramKey', () => {
  const base = 'flowchart LR\n  a[Client] --> b[(DB)]\n';

  it('is the same when only indentation, blank lines, comments or a trailing ; change', () => {
    for (const variant of [
      'flowchart LR\n      a[Client]   -->   b[(DB)]\n',
      '\nflowchart LR\n\n  %% a note\n  a[Client] --> b[(DB)];\n\n',
      'flowchart LR\r\n\ta[Client] --> b[(DB)]',
    ]) {
      assert.equal(diagramKey(variant), diagramKey(base), JSON.stringify(variant));
    }
  });

  it('changes with any change a reader would see, including inside quotes and directives', () => {
    for (const variant of [
      'flowchart TB\n  a[Client] --> b[(DB)]\n',
      'flowchart LR\n  a[Clients] --> b[(DB)]\n',
      'flowchart LR\n  a[Client] -.-> b[(DB)]\n',
      '%%{init: {"theme": "forest"}}%%\nflowchart LR\n  a[Client] --> b[(DB)]\n',
    ]) {
      assert.notEqual(diagramKey(variant), diagramKey(base), JSON.stringify(variant));
    }
    assert.notEqual(diagramKey('flowchart LR\n  a["two  spaces"]'), diagramKey('flowchart LR\n  a["two spaces"]'));
  });
});

describe('findMermaidFences', () => {
  it('finds ```mermaid and ~~~mermaid blocks with their content, and skips mermaid text inside other fences', () => {
    const text = '# A\n```mermaid\nflowchart LR\n a-->b\n```\n\n````md\n```mermaid\nnot a block\n```\n````\n~~~ mermaid\ngraph TD\n~~~\n';
    const fences = findMermaidFences(text);
    assert.deepEqual(
      fences.map((fence) => [fence.startLine, fence.endLine, text.slice(fence.contentStart, fence.contentEnd)]),
      [
        [1, 4, 'flowchart LR\n a-->b\n'],
        [11, 13, 'graph TD\n'],
      ],
    );
  });

  it('runs an unclosed block to the end of the document', () => {
    const [fence] = findMermaidFences('text\n```mermaid\nflowchart LR\n  a --> b');
    assert.deepEqual([fence.startLine, fence.endLine], [1, 4]);
  });
});
