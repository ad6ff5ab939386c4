/**
 * The diagram editor's visual edits as text edits on the flowchart source. Each edit touches as few
 * characters as it can: lines the edit is not about keep their exact text, so the file stays the
 * user's own (formatting, comments, order) and a git diff shows only what they did.
 */
import {
  isReservedId,
  scanFlowchart,
  type ChainStatement,
  type FlowchartSource,
  type FlowDirection,
  type ListStatement,
  type NodeRef,
  type Span,
  type Statement,
} from './flowchartScanner';

/** Replace `text.slice(start, end)` with `text` (offsets into the text the edit was planned on). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type DiagramEdit =
  | { op: 'addNode'; stem: string; label: string; open: string; close: string }
  | { op: 'connect'; from: string; to: string; label?: string; style: 'sync' | 'async' }
  | { op: 'renameNode'; id: string; label: string }
  | { op: 'setEdgeLabel'; edge: string; label: string }
  | { op: 'deleteNode'; id: string }
  | { op: 'deleteEdge'; edge: string }
  | { op: 'setDirection'; direction: FlowDirection };

export type EditRefusal = 'notFlowchart' | 'notFound' | 'unsupported';

export type EditPlan =
  | { ok: true; edits: TextEdit[]; /** The node to select afterwards (a new node). */ select?: string }
  | { ok: false; reason: EditRefusal };

const refuse = (reason: EditRefusal): EditPlan => ({ ok: false, reason });

/** Plans `edit` against `text`. Edits never overlap and are sorted by position. */
export function planEdit(text: string, edit: DiagramEdit, scanned?: FlowchartSource): EditPlan {
  const source = scanned ?? scanFlowchart(text);
  if (!source.header) {
    // An empty file becomes a flowchart with its first node; other diagram types are not edited.
    if (text.trim() === '' && edit.op === 'addNode') {
      const id = freshId(source, edit.stem);
      return { ok: true, edits: [{ start: 0, end: text.length, text: `flowchart LR\n    ${id}${shape(edit)}\n` }], select: id };
    }
    return refuse('notFlowchart');
  }
  switch (edit.op) {
    case 'addNode': {
      const id = freshId(source, edit.stem);
      return { ok: true, edits: [appendStatement(source, `${id}${shape(edit)}`)], select: id };
    }
    case 'connect': {
      if (!isKnownNode(source, edit.from) || !isKnownNode(source, edit.to)) return refuse('notFound');
      const arrow = edit.style === 'async' ? '-.->' : '-->';
      const label = edit.label?.trim() ? `|${formatLabel(edit.label)}|` : '';
      return { ok: true, edits: [appendStatement(source, `${edit.from} ${arrow}${label} ${edit.to}`)] };
    }
    case 'renameNode':
      return renameNode(source, edit.id, edit.label);
    case 'setEdgeLabel':
      return setEdgeLabel(source, edit.edge, edit.label);
    case 'deleteNode':
      return deleteNode(source, edit.id);
    case 'deleteEdge':
      return deleteEdge(source, edit.edge);
    case 'setDirection': {
      const { header } = source;
      if (header.direction) {
        if (header.direction.value === edit.direction) return { ok: true, edits: [] };
        return { ok: true, edits: [{ start: header.direction.start, end: header.direction.end, text: edit.direction }] };
      }
      return { ok: true, edits: [{ start: header.keyword.end, end: header.keyword.end, text: ` ${edit.direction}` }] };
    }
  }
}

/** Applies edits planned on `text` (used by tests and by the webview for its optimistic view). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

function isKnownNode(source: FlowchartSource, id: string): boolean {
  return source.nodes.has(id) || source.subgraphIds.has(id);
}

function shape(edit: { label: string; open: string; close: string }): string {
  return `${edit.open}${formatLabel(edit.label)}${edit.close}`;
}

/**
 * Plain words stay as typed; anything else is quoted, with `"` written as mermaid's `#quot;`,
 * so brackets, pipes, arrows and non-Latin text in a label cannot end the shape early.
 */
export function formatLabel(label: string): string {
  const flat = label.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (/^[A-Za-z0-9][A-Za-z0-9 _]*$/.test(flat) && !isReservedId(flat.toLowerCase()) && !/ $/.test(flat)) return flat;
  return `"${flat.replace(/"/g, '#quot;')}"`;
}

/** A node id from `stem` that is not taken (`cache`, `cache2`, `cache3`, …). */
export function freshId(source: FlowchartSource, stem: string): string {
  const base = /^[A-Za-z][A-Za-z0-9_]*$/.test(stem) && !isReservedId(stem) ? stem : 'node';
  const taken = (id: string) => source.nodes.has(id) || source.subgraphIds.has(id) || source.mentionedIds.has(id) || isReservedId(id);
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}${n}`)) return `${base}${n}`;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentOf(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

/** A new line after the last statement, indented like the top-level statements. */
function appendStatement(source: FlowchartSource, statement: string): TextEdit {
  const at = source.contentEnd;
  return { start: at, end: at, text: `\n${source.indent}${statement}` };
}

/** Removes a statement: its whole line when it is alone there, else the statement and its `;`. */
function removeStatement(text: string, span: Span): TextEdit {
  const lineStart = lineStartOf(text, span.start);
  let lineEnd = text.indexOf('\n', span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, span.start);
  const after = text.slice(span.end, lineEnd);
  if (/^[ \t]*$/.test(before) && /^[ \t]*;?[ \t]*(%%.*)?$/.test(after) && !/%%/.test(after)) {
    // The whole line, with its line break (the one before it when it is the last line).
    if (lineEnd < text.length) return { start: lineStart, end: lineEnd + 1, text: '' };
    return { start: Math.max(0, lineStart - 1), end: lineEnd, text: '' };
  }
  const trailing = /^[ \t]*;[ \t]*/.exec(after);
  if (trailing) return { start: span.start, end: span.end + trailing[0].length, text: '' };
  const leading = /;[ \t]*$/.exec(before);
  if (leading) return { start: span.start - leading[0].length, end: span.end, text: '' };
  return { start: span.start, end: span.end, text: '' };
}

function renameNode(source: FlowchartSource, id: string, label: string): EditPlan {
  const node = source.nodes.get(id);
  if (!node) return refuse('notFound');
  if (mentionedInUnreadStatement(source, id)) return refuse('unsupported');
  // Mermaid keeps the last label written for a node: change that one.
  const labelled = [...node.refs].reverse().find((ref) => ref.label || ref.shapeData);
  if (labelled?.label) {
    const quoted = labelled.shapeData ? `"${label.trim().replace(/"/g, '#quot;')}"` : formatLabel(label);
    return { ok: true, edits: [{ start: labelled.label.start, end: labelled.label.end, text: quoted }] };
  }
  if (labelled?.shapeData) {
    const close = labelled.shapeData.end - 1;
    const inside = source.text.slice(labelled.shapeData.start + 2, close).trim();
    return { ok: true, edits: [{ start: close, end: close, text: `${inside ? ', ' : ''}label: "${label.trim().replace(/"/g, '#quot;')}"` }] };
  }
  const first = node.refs[0];
  return { ok: true, edits: [{ start: first.idEnd, end: first.idEnd, text: `[${formatLabel(label)}]` }] };
}

function setEdgeLabel(source: FlowchartSource, renderId: string, label: string): EditPlan {
  const edge = source.edges.find((candidate) => candidate.renderId === renderId);
  if (!edge) return refuse('notFound');
  const link = edge.statement.links[edge.link];
  const trimmed = label.trim();
  if (link.label) {
    if (trimmed) return { ok: true, edits: [{ start: link.label.start, end: link.label.end, text: formatLabel(trimmed) }] };
    if (link.label.form === 'pipe') return { ok: true, edits: [{ start: link.arrowEnd, end: link.end, text: '' }] };
    const arrow = edge.style === 'async' ? '-.->' : edge.style === 'thick' ? '==>' : '-->';
    const idPart = link.edgeId ? `${link.edgeId}@` : '';
    return { ok: true, edits: [{ start: link.start, end: link.end, text: `${idPart}${arrow}` }] };
  }
  if (!trimmed) return { ok: true, edits: [] };
  return { ok: true, edits: [{ start: link.arrowEnd, end: link.arrowEnd, text: `|${formatLabel(trimmed)}|` }] };
}

const nodeText = (text: string, node: NodeRef) => text.slice(node.start, node.end);
const linkText = (text: string, statement: ChainStatement, index: number) =>
  text.slice(statement.links[index].start, statement.links[index].end);

/**
 * The chain statement without some of its edges and nodes, as text. Unchanged runs keep their
 * original text; a statement that loses edges inside an `a & b` group is written out edge by edge.
 */
function rewriteChain(
  source: FlowchartSource,
  statement: ChainStatement,
  removedNode: string | undefined,
  removedEdges: ReadonlySet<number>,
): string {
  const { text } = source;
  const indent = indentOf(text, statement.start);
  const groups = statement.groups.map((group) => group.filter((node) => node.id !== removedNode));
  // This statement's edges (the scanner numbered them as mermaid does), per link.
  const linkEdges = statement.links.map((_, linkIndex) =>
    source.edges
      .filter((edge) => edge.statement === statement && edge.link === linkIndex)
      .map((edge) => ({ from: edge.fromNode, to: edge.toNode, index: edge.index })),
  );
  const keptEdges = linkEdges.map((edges) =>
    edges.filter((edge) => edge.from.id !== removedNode && edge.to.id !== removedNode && !removedEdges.has(edge.index)),
  );
  // A link survives whole when every edge it made (between the remaining nodes) is kept.
  const linkWhole = keptEdges.map(
    (kept, linkIndex) => kept.length > 0 && kept.length === groups[linkIndex].length * groups[linkIndex + 1].length,
  );
  const partial = keptEdges.some((kept, linkIndex) => kept.length > 0 && !linkWhole[linkIndex]);
  if (partial) {
    // Write the statement out edge by edge; nodes left without an edge stay declared on their own.
    const lines: string[] = [];
    const covered = new Set<NodeRef>();
    keptEdges.forEach((kept, linkIndex) => {
      for (const { from, to } of kept) {
        lines.push(`${nodeText(text, from)} ${linkText(text, statement, linkIndex)} ${nodeText(text, to)}`);
        covered.add(from).add(to);
      }
    });
    for (const node of groups.flat()) if (!covered.has(node)) lines.push(nodeText(text, node));
    return lines.join(`\n${indent}`);
  }
  // Split the chain where links are gone; each run of groups keeps its text.
  const runs: string[] = [];
  let run: string[] = [];
  const groupText = (index: number) => {
    const group = groups[index];
    const original = statement.groups[index];
    if (group.length === original.length) return text.slice(original[0].start, original[original.length - 1].end);
    return group.map((node) => nodeText(text, node)).join(' & ');
  };
  groups.forEach((group, index) => {
    if (group.length === 0) {
      if (run.length) runs.push(run.join(''));
      run = [];
      return;
    }
    if (run.length === 0) {
      run.push(groupText(index));
    } else if (linkWhole[index - 1]) {
      const previous = statement.groups[index - 1];
      const unchanged = groups[index - 1].length === previous.length && group.length === statement.groups[index].length;
      // Keep the original spacing around an untouched link.
      run.push(
        unchanged
          ? text.slice(previous[previous.length - 1].end, statement.groups[index][0].start)
          : ` ${linkText(text, statement, index - 1)} `,
      );
      run.push(groupText(index));
    } else {
      runs.push(run.join(''));
      run = [groupText(index)];
    }
  });
  if (run.length) runs.push(run.join(''));
  return runs.join(`\n${indent}`);
}

interface StatementChange {
  statement: Statement;
  text: string;
}

/** Edits for statement changes, plus `linkStyle` renumbering when edges went away. */
function finish(source: FlowchartSource, changes: StatementChange[], removedEdges: ReadonlySet<number>, removedNode?: string): EditPlan {
  const { text } = source;
  const edits: TextEdit[] = [];
  for (const change of changes) {
    edits.push(change.text === '' ? removeStatement(text, change.statement) : { start: change.statement.start, end: change.statement.end, text: change.text });
  }
  for (const statement of source.statements) {
    if (statement.kind === 'linkStyle' && removedEdges.size) {
      edits.push(...renumberLinkStyle(text, statement, removedEdges));
    } else if (removedNode && (statement.kind === 'style' || statement.kind === 'click') && statement.targets[0]?.value === removedNode) {
      edits.push(removeStatement(text, statement));
    } else if (removedNode && statement.kind === 'class' && statement.targets.some((target) => target.value === removedNode)) {
      edits.push(...removeListItem(text, statement, (value) => value === removedNode));
    }
  }
  return { ok: true, edits: normalise(edits) };
}

function renumberLinkStyle(text: string, statement: ListStatement, removed: ReadonlySet<number>): TextEdit[] {
  const sorted = [...removed].sort((a, b) => a - b);
  const newIndex = (index: number) => index - sorted.filter((gone) => gone < index).length;
  const kept = statement.targets.filter((target) => !removed.has(Number(target.value)));
  if (kept.length === 0) return [removeStatement(text, statement)];
  const first = statement.targets[0];
  const last = statement.targets[statement.targets.length - 1];
  const list = kept.map((target) => String(newIndex(Number(target.value)))).join(',');
  if (list === text.slice(first.start, last.end)) return [];
  return [{ start: first.start, end: last.end, text: list }];
}

function removeListItem(text: string, statement: ListStatement, drop: (value: string) => boolean): TextEdit[] {
  const kept = statement.targets.filter((target) => !drop(target.value));
  if (kept.length === 0) return [removeStatement(text, statement)];
  const first = statement.targets[0];
  const last = statement.targets[statement.targets.length - 1];
  return [{ start: first.start, end: last.end, text: kept.map((target) => target.value).join(',') }];
}

/** Sorted, and merged where a removed line swallowed a neighbouring edit's span. */
function normalise(edits: TextEdit[]): TextEdit[] {
  const sorted = edits.filter((edit) => edit.start !== edit.end || edit.text).sort((a, b) => a.start - b.start || a.end - b.end);
  const result: TextEdit[] = [];
  for (const edit of sorted) {
    const previous = result[result.length - 1];
    if (previous && edit.start < previous.end) {
      // Two removals of adjacent lines can share a line break; keep their union.
      previous.end = Math.max(previous.end, edit.end);
      previous.text += edit.text;
    } else {
      result.push({ ...edit });
    }
  }
  return result;
}

/** A statement the scanner could not read names the node: changing only the others would be wrong. */
function mentionedInUnreadStatement(source: FlowchartSource, id: string): boolean {
  const word = new RegExp(`(^|[^\\p{L}\\p{N}_])${id.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}($|[^\\p{L}\\p{N}_])`, 'u');
  return source.statements.some(
    (statement) => statement.kind === 'other' && !/^acc(Title|Descr)\b/.test(source.text.slice(statement.start, statement.end)) && word.test(source.text.slice(statement.start, statement.end)),
  );
}

function deleteNode(source: FlowchartSource, id: string): EditPlan {
  if (!source.nodes.has(id)) return refuse('notFound');
  if (mentionedInUnreadStatement(source, id)) return refuse('unsupported');
  const removedEdges = new Set(source.edges.filter((edge) => edge.from === id || edge.to === id).map((edge) => edge.index));
  const changes: StatementChange[] = [];
  for (const statement of source.statements) {
    if (statement.kind !== 'chain' || !statement.groups.some((group) => group.some((node) => node.id === id))) continue;
    changes.push({ statement, text: rewriteChain(source, statement, id, removedEdges) });
  }
  return finish(source, changes, removedEdges, id);
}

function deleteEdge(source: FlowchartSource, renderId: string): EditPlan {
  const edge = source.edges.find((candidate) => candidate.renderId === renderId);
  if (!edge) return refuse('notFound');
  const removed = new Set([edge.index]);
  const text = rewriteChain(source, edge.statement, undefined, removed);
  return finish(source, [{ statement: edge.statement, text }], removed);
}
