// The critic never throws and never hangs on what users (or their editors) can put in a file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildDiagramGraph } from '../../src/core/critic/diagramGraph';
import { lintDiagram } from '../../src/core/critic/designLinter';
import { checkEstimates, evaluate } from '../../src/core/critic/estimates';
import { MAX_REVIEW_CHARS, reviewAnswer } from '../../src/core/critic/review';
import { catalogEntry } from '../fixtures/entryFixture';

const MERMAID_BITS = ['flowchart LR\n', 'graph TD;', 'a', 'b1', '用户', '-->', '-.->', '==>', '---', '|x|', '-- t -->', '[', ']', '(', ')', '[(', ')]', '{', '}', '"', '&', ';', '\n', ' ', ':::c', '@{ shape: cyl }', 'subgraph s', 'end', 'style a fill:#f00', 'class a,b c', 'linkStyle 0 stroke:red', '%% c', '~~~'];
const EXPRESSION_BITS = ['1', '50M', '2KB', '3万', '1亿', '10^8', '/s', '/day', '+', '-', '*', '/', '^', '(', ')', 'dau', 'qps', ' ', '1e3', '1,000', '.5', '×', '÷', '=', '≈', 'x', '#', '`'];

describe('critic robustness', () => {
  it('parses and lints 10,000 random diagram texts without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...MERMAID_BITS), { maxLength: 60 }).map((bits) => bits.join(''))), (text) => {
        const graph = buildDiagramGraph(text);
        const findings = lintDiagram(graph, { entryKind: 'incident', tags: ['seckill'] });
        assert.ok(Array.isArray(findings));
      }),
      { numRuns: 10_000, seed: 5 },
    );
  });

  it('evaluates 10,000 random estimate expressions to a number or a localised error, never an exception of another kind', () => {
    const scope = new Map([['dau', { value: 1e8, bytes: false }], ['qps', { value: 1157, bytes: false }]]);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...EXPRESSION_BITS), { maxLength: 30 }).map((bits) => bits.join(''))), (text) => {
        try {
          const result = evaluate(text, scope);
          assert.ok(Number.isFinite(result.value));
        } catch (error) {
          assert.ok((error as { text?: { en?: string; 'zh-CN'?: string } }).text?.['zh-CN'], `unlocalised error for ${JSON.stringify(text)}: ${String(error)}`);
        }
        const report = checkEstimates(`## Estimates\nx = ${text}\n`);
        assert.equal(report.lines.length <= 1, true);
      }),
      { numRuns: 10_000, seed: 6 },
    );
  });

  it('reviews empty files, binary junk, a 5 MB answer and a 2,000-node diagram with findings, not failures', () => {
    const entry = catalogEntry();
    const empty = reviewAnswer({ entry, answer: '', diagram: '' });
    assert.equal(empty.total, 0);
    assert.deepEqual(empty.findings, []);

    const junk = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 65536));
    assert.doesNotThrow(() => reviewAnswer({ entry, answer: junk, diagram: junk }));

    const huge = `# Answer\n\n${'We shard by user id and cache with Redis. '.repeat(130_000)}`;
    assert.ok(huge.length > 5_000_000);
    const big = reviewAnswer({ entry, answer: huge });
    assert.deepEqual(big.truncated, ['answer'], 'the review says it read only the first part');
    assert.ok(MAX_REVIEW_CHARS < huge.length);

    const lines = ['flowchart LR'];
    for (let i = 0; i < 2000; i++) lines.push(`  n${i}[Service ${i}] --> n${i + 1}[Service ${i + 1}]`);
    const chain = reviewAnswer({ entry, answer: 'x', diagram: lines.join('\n') });
    assert.ok(chain.findings.some((finding) => finding.rule === 'deep-sync-chain'), 'a 2,000-hop chain is reported');
  });
});
