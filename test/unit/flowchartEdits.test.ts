import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localizedPalette, PALETTE } from '../../src/core/diagramPalette';
import { applyEdits, formatLabel, planEdit, type DiagramEdit } from '../../src/core/flowchart/flowchartEdits';
import { scanFlowchart } from '../../src/core/flowchart/flowchartScanner';

const DIAGRAM = `---
title: Orders
---
flowchart LR
    %% entry points
    client([Client]) -->|HTTPS| gw[[API gateway]]
    gw --> svc[Order service] & svc2
    svc -.-> q[/Kafka/] ; q --> w(Worker)
    svc -- reads --> cache[("Redis 缓存")]
    subgraph data [Data]
      db[(MySQL)]
    end
    svc e9@==> db
    class svc,db hot
    style q fill:#f00
    linkStyle 1,3,5 stroke:red
`;

function edited(edit: DiagramEdit, text = DIAGRAM): string {
  const plan = planEdit(text, edit);
  assert.ok(plan.ok, `refused: ${JSON.stringify(plan)}`);
  return applyEdits(text, plan.edits);
}

/** The lines of `after` that differ from `before`, as [removed, added]. */
function changedLines(before: string, after: string): [string[], string[]] {
  const a = before.split('\n');
  const b = after.split('\n');
  return [a.filter((line) => !b.includes(line)), b.filter((line) => !a.includes(line))];
}

describe('scanFlowchart', () => {
  it('finds nodes with their effective labels and edges in mermaid order with mermaid ids', () => {
    const source = scanFlowchart(DIAGRAM);
    assert.deepEqual(
      source.edges.map((edge) => `${edge.renderId}:${edge.style}:${edge.label ?? ''}`),
      ['L_client_gw_0:sync:HTTPS', 'L_gw_svc_0:sync:', 'L_gw_svc2_0:sync:', 'L_svc_q_0:async:', 'L_q_w_0:sync:', 'L_svc_cache_0:sync:reads', 'e9:thick:'],
    );
    assert.equal(source.nodes.get('cache')?.label, 'Redis 缓存');
    assert.equal(source.nodes.get('svc2')?.label, 'svc2');
    assert.equal(source.indent, '    ');
  });

  it('numbers repeated edges between the same nodes as mermaid does (0, 2, 3, …)', () => {
    const source = scanFlowchart('graph TD\n a --> b\n a --> b\n a --> b');
    assert.deepEqual(source.edges.map((edge) => edge.renderId), ['L_a_b_0', 'L_a_b_2', 'L_a_b_3']);
  });

  it('does not take other diagram types for flowcharts', () => {
    assert.equal(scanFlowchart('sequenceDiagram\n A->>B: hi').header, undefined);
    assert.equal(scanFlowchart('').header, undefined);
  });
});

describe('planEdit', () => {
  it('inserts a palette node as one new line, with a fresh id and a quoted localised label', () => {
    const cache = localizedPalette('zh-CN').find((item) => item.key === 'cache')!;
    const plan = planEdit(DIAGRAM, { op: 'addNode', stem: cache.key, label: cache.label, open: cache.open, close: cache.close });
    assert.ok(plan.ok);
    assert.equal(plan.select, 'cache2'); // `cache` is taken
    assert.deepEqual(changedLines(DIAGRAM, applyEdits(DIAGRAM, plan.edits)), [[], ['    cache2[("Redis 缓存")]']]);
  });

  it('starts an empty file as a left-to-right flowchart', () => {
    assert.equal(edited({ op: 'addNode', stem: 'client', label: 'Client', open: '([', close: '])' }, ''), 'flowchart LR\n    client([Client])\n');
  });

  it('connects two nodes with a labelled sync or async arrow', () => {
    assert.deepEqual(changedLines(DIAGRAM, edited({ op: 'connect', from: 'w', to: 'db', label: 'writes', style: 'async' })), [[], ['    w -.->|writes| db']]);
    assert.deepEqual(changedLines(DIAGRAM, edited({ op: 'connect', from: 'gw', to: 'q', style: 'sync' })), [[], ['    gw --> q']]);
    assert.deepEqual(planEdit(DIAGRAM, { op: 'connect', from: 'gw', to: 'nope', style: 'sync' }), { ok: false, reason: 'notFound' });
  });

  it('renames the label mermaid shows, or gives a bare node its first label', () => {
    assert.deepEqual(changedLines(DIAGRAM, edited({ op: 'renameNode', id: 'svc', label: 'Orders' })), [
      ['    gw --> svc[Order service] & svc2'],
      ['    gw --> svc[Orders] & svc2'],
    ]);
    assert.deepEqual(changedLines(DIAGRAM, edited({ op: 'renameNode', id: 'svc2', label: 'Pay [v2] "beta"' })), [
      ['    gw --> svc[Order service] & svc2'],
      ['    gw --> svc[Order service] & svc2["Pay [v2] #quot;beta#quot;"]'],
    ]);
    // Mermaid keeps the last label written: rename that one.
    assert.equal(edited({ op: 'renameNode', id: 'a', label: 'B' }, 'graph LR\n a[X] --> b\n a[Y]'), 'graph LR\n a[X] --> b\n a[B]');
    assert.equal(edited({ op: 'renameNode', id: 'a', label: 'New' }, 'graph LR\n a@{ shape: cyl, label: "Old" }'), 'graph LR\n a@{ shape: cyl, label: "New" }');
  });

  it('deletes a node with its edges, its style and class mentions, and renumbers linkStyle', () => {
    const after = edited({ op: 'deleteNode', id: 'q' });
    assert.deepEqual(changedLines(DIAGRAM, after), [
      ['    svc -.-> q[/Kafka/] ; q --> w(Worker)', '    style q fill:#f00', '    linkStyle 1,3,5 stroke:red'],
      ['    svc ; w(Worker)', '    linkStyle 1,3 stroke:red'],
    ]);
    const svc = edited({ op: 'deleteNode', id: 'svc' });
    assert.ok(!/\bsvc\b/.test(svc), svc);
    assert.match(svc, /^ {4}gw --> svc2$/m);
    assert.match(svc, /^ {4}class db hot$/m);
    assert.doesNotMatch(svc, /linkStyle/); // all its edges are gone
  });

  it('deletes one edge and keeps both nodes with their shapes', () => {
    assert.deepEqual(changedLines(DIAGRAM, edited({ op: 'deleteEdge', edge: 'L_client_gw_0' })), [
      ['    client([Client]) -->|HTTPS| gw[[API gateway]]', '    linkStyle 1,3,5 stroke:red'],
      ['    client([Client])', '    gw[[API gateway]]', '    linkStyle 0,2,4 stroke:red'],
    ]);
    // One edge out of an `a & b` group: the statement is written out edge by edge.
    assert.deepEqual(changedLines(DIAGRAM, edited({ op: 'deleteEdge', edge: 'L_gw_svc_0' })), [
      ['    gw --> svc[Order service] & svc2', '    linkStyle 1,3,5 stroke:red'],
      ['    gw --> svc2', '    svc[Order service]', '    linkStyle 2,4 stroke:red'],
    ]);
  });

  it('sets, replaces and removes edge labels in both label forms', () => {
    assert.match(edited({ op: 'setEdgeLabel', edge: 'L_svc_cache_0', label: '' }), /^ {4}svc --> cache\[/m);
    assert.match(edited({ op: 'setEdgeLabel', edge: 'L_svc_cache_0', label: 'miss' }), /^ {4}svc -- miss --> cache\[/m);
    assert.match(edited({ op: 'setEdgeLabel', edge: 'L_q_w_0', label: '消费' }), /q -->\|"消费"\| w\(Worker\)/);
    assert.match(edited({ op: 'setEdgeLabel', edge: 'L_client_gw_0', label: '' }), /client\(\[Client\]\) --> gw/);
  });

  it('changes the direction in the header only', () => {
    assert.deepEqual(changedLines(DIAGRAM, edited({ op: 'setDirection', direction: 'TB' })), [['flowchart LR'], ['flowchart TB']]);
    assert.equal(edited({ op: 'setDirection', direction: 'RL' }, 'graph\n a --> b'), 'graph RL\n a --> b');
  });

  it('refuses to delete or rename a node that a statement it cannot read also names', () => {
    const text = 'flowchart LR\n  a --> b\n  a ==>|x| b@{ weird: [1, 2] }} %% not valid for the scanner\n  accTitle: b and a\n';
    assert.deepEqual(planEdit(text, { op: 'deleteNode', id: 'b' }), { ok: false, reason: 'unsupported' });
    assert.deepEqual(planEdit(text, { op: 'renameNode', id: 'b', label: 'B' }), { ok: false, reason: 'unsupported' });
    assert.ok(planEdit('flowchart LR\n  a --> b\n  accTitle: b and a\n', { op: 'deleteNode', id: 'b' }).ok, 'an accessible title is only words');
  });

  it('refuses to edit other diagram types', () => {
    assert.deepEqual(planEdit('sequenceDiagram\n A->>B: hi', { op: 'setDirection', direction: 'LR' }), { ok: false, reason: 'notFlowchart' });
  });
});

describe('formatLabel and the palette', () => {
  it('leaves plain words alone and quotes everything else', () => {
    assert.equal(formatLabel('Order service'), 'Order service');
    assert.equal(formatLabel('end'), '"end"');
    assert.equal(formatLabel('a|b'), '"a|b"');
    assert.equal(formatLabel('two\nlines'), 'two lines');
  });

  it('covers every building block the issue lists, with both languages', () => {
    assert.equal(PALETTE.length, 18);
    for (const item of PALETTE) {
      assert.ok(item.label.en && item.label['zh-CN'], item.key);
      const plan = planEdit('flowchart LR\n', { op: 'addNode', stem: item.key, label: item.label.en, open: item.open, close: item.close });
      assert.ok(plan.ok && plan.select === item.key, item.key);
    }
  });
});

describe('placeSvg', () => {
  it('sizes the SVG to its viewBox and applies the saved view, keeping the rest of the markup', async () => {
    const { placeSvg } = await import('../../src/core/svgPlacement');
    const svg = '<svg id="d1" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 563px;" viewBox="4 4 563.5 104"><g/></svg>';
    assert.equal(
      placeSvg(svg, { x: 10, y: 20.5, k: 0.75 }),
      '<svg width="563.5" height="104" style="max-width: none; transform: translate(10px, 20.5px) scale(0.75);" id="d1" xmlns="http://www.w3.org/2000/svg" viewBox="4 4 563.5 104"><g/></svg>',
    );
    assert.equal(placeSvg('<p>not svg</p>', { x: 0, y: 0, k: 1 }), undefined);
    assert.equal(placeSvg('<svg viewBox="0 0 0 0"></svg>', { x: 0, y: 0, k: 1 }), undefined);
  });
});
