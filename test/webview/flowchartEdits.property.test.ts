// Property test: for random flowcharts and random visual edits, the text the editor writes still
// parses with the mermaid we ship, and means what the edit said (checked through mermaid's own model).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { PALETTE } from '../../src/core/diagramPalette';
import { applyEdits, planEdit, type DiagramEdit } from '../../src/core/flowchart/flowchartEdits';
import { scanFlowchart } from '../../src/core/flowchart/flowchartScanner';
import { startHarness, type Harness } from './harness';
import type { Page } from 'playwright-core';

interface Parsed {
  ok: boolean;
  message?: string;
  direction?: string;
  vertices: { id: string; text: string }[];
  edges: { start: string; end: string; text: string; stroke: string }[];
}

const IDS = ['a', 'b', 'svc', 'db', 'q', 'cache2', 'node_1', '用户'];
const LABELS = ['Order service', 'Redis 缓存', 'MySQL (primary)', 'Kafka: orders', 'a/b', 'x|y', 'end', 'v2.0 [beta]', '分库分表'];
const SHAPES: [string, string][] = [['[', ']'], ['(', ')'], ['([', '])'], ['[[', ']]'], ['[(', ')]'], ['((', '))'], ['{', '}'], ['{{', '}}'], ['>', ']'], ['[/', '/]'], ['[/', '\\]']];
const LINKS = ['-->', '---', '-.->', '==>', '--x', '--o', '-->|calls|', '-- reads -->', '-.->|"async, retry"|', '-. publishes .->', '== hot ==>'];

const node = fc.record({ id: fc.constantFrom(...IDS), shape: fc.option(fc.constantFrom(...SHAPES)), label: fc.constantFrom(...LABELS) }).map(({ id, shape, label }) =>
  shape ? `${id}${shape[0]}"${label}"${shape[1]}` : id,
);
const group = fc.array(node, { minLength: 1, maxLength: 2 }).map((nodes) => nodes.join(' & '));
const chain = fc
  .tuple(group, fc.array(fc.tuple(fc.constantFrom(...LINKS), group), { minLength: 0, maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest.map(([link, next]) => `${link} ${next}`)].join(' '));
const statement = fc.oneof(
  { weight: 6, arbitrary: chain },
  { weight: 1, arbitrary: fc.constantFrom(...IDS).map((id) => `style ${id} fill:#f9f`) },
  { weight: 1, arbitrary: fc.subarray(IDS, { minLength: 1, maxLength: 3 }).map((ids) => `class ${ids.join(',')} hot`) },
  { weight: 1, arbitrary: fc.constant('%% a comment') },
);
const flowchart = fc
  .record({
    header: fc.constantFrom('flowchart LR', 'graph TD', 'flowchart', 'flowchart BT'),
    body: fc.array(statement, { minLength: 1, maxLength: 8 }),
    subgraph: fc.option(fc.array(chain, { minLength: 1, maxLength: 2 })),
    joinWithSemicolons: fc.boolean(),
    linkStyle: fc.option(fc.nat(20)),
  })
  .map(({ header, body, subgraph, joinWithSemicolons, linkStyle }) => {
    const lines = [header, ...body.map((line) => `    ${line}`)];
    if (joinWithSemicolons && lines.length > 2) lines.splice(1, 2, `    ${lines[1].trim()} ; ${lines[2].trim()}`);
    if (subgraph) lines.push('    subgraph tier [Data tier]', ...subgraph.map((line) => `        ${line}`), '    end');
    let text = `${lines.join('\n')}\n`;
    const edgeCount = scanFlowchart(text).edges.length;
    if (linkStyle !== null && edgeCount > 0) text += `    linkStyle ${linkStyle % edgeCount},${(linkStyle + 1) % edgeCount} stroke:#f00\n`;
    return text;
  });

/** An edit for `text`, picked by `seed` among what makes sense for that diagram. */
function editFor(text: string, seed: number[]): DiagramEdit {
  const source = scanFlowchart(text);
  const ids = [...source.nodes.keys()];
  const edges = source.edges.map((edge) => edge.renderId);
  const pick = <T,>(items: T[], index: number) => items[seed[index] % items.length];
  const label = pick(LABELS, 1);
  const options: DiagramEdit[] = [];
  const item = pick([...PALETTE], 2);
  options.push({ op: 'addNode', stem: item.key, label: item.label['zh-CN'], open: item.open, close: item.close });
  options.push({ op: 'setDirection', direction: pick(['TB', 'BT', 'LR', 'RL'] as const, 3) });
  if (ids.length) {
    options.push({ op: 'renameNode', id: pick(ids, 4), label });
    options.push({ op: 'deleteNode', id: pick(ids, 5) });
    options.push({ op: 'connect', from: pick(ids, 4), to: pick(ids, 5), label: seed[6] % 2 ? label : '', style: seed[6] % 3 ? 'sync' : 'async' });
  }
  if (edges.length) {
    options.push({ op: 'deleteEdge', edge: pick(edges, 4) });
    options.push({ op: 'setEdgeLabel', edge: pick(edges, 5), label: seed[6] % 2 ? label : '' });
  }
  return pick(options, 0);
}

describe('visual edits keep the flowchart valid and mean what they say (property, mermaid in Chromium)', () => {
  let harness: Harness;
  let page: Page;
  const parse = (text: string) => page.evaluate((t) => (window as unknown as { __parseFlowchart(t: string): Promise<Parsed> }).__parseFlowchart(t), text);

  before(async () => {
    harness = await startHarness({ '/test/': fileURLToPath(new URL('../../dist/test/webview/', import.meta.url)) });
    const opened = await harness.openPage({ html: '<!DOCTYPE html><html><body><script type="module" src="/test/mermaidProbe.js"></script></body></html>' });
    page = opened.page;
    await page.waitForFunction(() => (window as unknown as { __probeReady?: boolean }).__probeReady === true);
  });
  after(async () => {
    await harness?.close();
  });

  it('for 300 random diagrams and edits', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(flowchart, fc.array(fc.nat(1000), { minLength: 7, maxLength: 7 }), async (text, seed) => {
        const before = await parse(text);
        fc.pre(before.ok); // the generator may make a diagram mermaid rejects (e.g. a node named like a keyword)
        const edit = editFor(text, seed);
        const plan = planEdit(text, edit);
        assert.ok(plan.ok, `refused ${JSON.stringify(edit)} on\n${text}`);
        const edited = applyEdits(text, plan.edits);
        const after = await parse(edited);
        assert.ok(after.ok, `${JSON.stringify(edit)} broke the diagram:\n${text}\n---\n${edited}\n${after.message}`);
        const edgeKey = (edge: Parsed['edges'][number]) => `${edge.start}>${edge.end}:${edge.text}`;
        const source = scanFlowchart(text);
        switch (edit.op) {
          case 'addNode':
            assert.equal(after.vertices.length, before.vertices.length + 1);
            assert.equal(after.vertices.find((vertex) => vertex.id === plan.select)?.text, edit.label);
            break;
          case 'connect':
            assert.deepEqual(after.edges.slice(0, -1).map(edgeKey), before.edges.map(edgeKey));
            assert.equal(edgeKey(after.edges[after.edges.length - 1]), `${edit.from}>${edit.to}:${edit.label ?? ''}`);
            break;
          case 'renameNode':
            assert.equal(after.vertices.find((vertex) => vertex.id === edit.id)?.text, edit.label);
            assert.deepEqual(after.edges.map(edgeKey), before.edges.map(edgeKey));
            break;
          case 'deleteNode':
            assert.ok(!after.vertices.some((vertex) => vertex.id === edit.id), `${edit.id} is gone`);
            assert.deepEqual(
              after.edges.map(edgeKey),
              before.edges.filter((edge) => edge.start !== edit.id && edge.end !== edit.id).map(edgeKey),
            );
            break;
          case 'deleteEdge': {
            const index = source.edges.findIndex((edge) => edge.renderId === edit.edge);
            assert.deepEqual(after.edges.map(edgeKey), before.edges.filter((_, i) => i !== index).map(edgeKey));
            assert.deepEqual(after.vertices.map((vertex) => vertex.id).sort(), before.vertices.map((vertex) => vertex.id).sort(), 'both ends stay');
            break;
          }
          case 'setEdgeLabel': {
            const target = source.edges.find((edge) => edge.renderId === edit.edge)!;
            // A label belongs to a link: in `a & b --> c` both edges share it.
            after.edges.forEach((edge, i) => {
              const sameLink = source.edges[i].statement === target.statement && source.edges[i].link === target.link;
              assert.equal(edge.text, sameLink ? edit.label.trim() : before.edges[i].text);
            });
            break;
          }
          case 'setDirection':
            assert.equal(after.direction, edit.direction);
            break;
        }
        checked++;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300), seed: Number(process.env.PROPERTY_SEED ?? 20261125) },
    );
    assert.ok(checked > Number(process.env.PROPERTY_RUNS ?? 300) * 0.66, `only ${checked} generated diagrams were valid to start with`);
  });
});
