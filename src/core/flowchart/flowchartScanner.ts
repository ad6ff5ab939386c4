/**
 * A position-keeping reader for Mermaid flowcharts, for the diagram editor's visual edits.
 *
 * Mermaid's own parser (jison, in the webview) says whether a text is valid and what it means, but
 * keeps no source positions, so it cannot tell an editor which characters to change. This scanner
 * records where each statement, node, shape label and link sits, so an edit can touch only those
 * characters. It is deliberately conservative: a statement it does not fully understand is kept as
 * `other` and never rewritten, and edits that would need to rewrite it refuse instead.
 */

export type FlowDirection = 'TB' | 'TD' | 'BT' | 'LR' | 'RL';
export const FLOW_DIRECTIONS: readonly FlowDirection[] = ['TB', 'BT', 'LR', 'RL'];

export interface Span {
  start: number;
  end: number;
}

/** One node as written in a statement: `id`, `id[label]`, `id@{ … }`, each maybe with `:::class`. */
export interface NodeRef extends Span {
  id: string;
  idEnd: number;
  /** The shape with its label, e.g. `[(Redis)]`, when written. */
  shape?: Span & { open: string; close: string };
  /** The label text inside the shape (without quotes), and where it sits (with quotes). */
  label?: Span & { text: string };
  /** `@{ … }` shape data; `label` above then points at its `label:` value when present. */
  shapeData?: Span;
}

export type ArrowStyle = 'sync' | 'async' | 'thick' | 'invisible';

export interface LinkRef extends Span {
  /** `e1@-->` ids. */
  edgeId?: string;
  style: ArrowStyle;
  /** Label text, and where it sits: inside `|…|` or between `-- … -->`. */
  label?: Span & { text: string; form: 'pipe' | 'inline' };
  /** Where the arrow itself ends (a pipe label may follow). */
  arrowEnd: number;
}

/** `a & b --> c --> d`: groups of nodes joined by links. */
export interface ChainStatement extends Span {
  kind: 'chain';
  groups: NodeRef[][];
  links: LinkRef[];
}

export interface HeaderStatement extends Span {
  kind: 'header';
  keyword: Span;
  direction?: Span & { value: string };
}

export interface ListStatement extends Span {
  /** `class a,b name`, `style a …`, `click a …`, `linkStyle 0,1 …`. */
  kind: 'class' | 'style' | 'click' | 'linkStyle';
  /** The node ids (or link indices) the statement names, with positions. */
  targets: (Span & { value: string })[];
}

export interface BlockStatement extends Span {
  kind: 'subgraph' | 'end' | 'direction' | 'classDef' | 'other';
  /** For `subgraph`: its id. */
  id?: string;
}

export type Statement = ChainStatement | HeaderStatement | ListStatement | BlockStatement;

export interface Edge {
  from: string;
  to: string;
  /** Index in mermaid's edge list (what `linkStyle` numbers). */
  index: number;
  /** The id mermaid gives the edge (`L_a_b_0`), which the rendered SVG uses. */
  renderId: string;
  statement: ChainStatement;
  link: number;
  fromNode: NodeRef;
  toNode: NodeRef;
  label?: string;
  style: ArrowStyle;
}

export interface FlowchartSource {
  text: string;
  /** Undefined when the text is not a flowchart (another diagram type, or empty). */
  header?: HeaderStatement;
  statements: Statement[];
  edges: Edge[];
  /** Every node id in order of first appearance, with its effective label (mermaid: last label wins). */
  nodes: Map<string, { label: string; refs: NodeRef[] }>;
  subgraphIds: Set<string>;
  /** Ids named by `style`, `class` and `click` statements (mermaid creates those nodes too). */
  mentionedIds: Set<string>;
  /** Indentation used for top-level statements, for inserted lines. */
  indent: string;
  /** Offset of the end of the last non-blank line (where new statements go). */
  contentEnd: number;
}

const KEYWORDS = new Set(['subgraph', 'end', 'direction', 'classDef', 'class', 'style', 'click', 'linkStyle', 'accTitle', 'accDescr', 'graph', 'flowchart', 'flowchart-elk', 'default']);
/** Words that cannot be node ids (they start statements, or mermaid's lexer treats them as keywords). */
export function isReservedId(id: string): boolean {
  return KEYWORDS.has(id) || /^(call|href|interpolate)$/.test(id);
}

const ID = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|-(?=[\p{L}\p{N}_]))*/uy;
const SPACES = /[ \t]*/y;

/** Shape openers, longest first, with their closers. */
const SHAPES: [string, string[]][] = [
  ['(((', [')))']],
  ['((', ['))']],
  ['([', ['])']],
  ['(-', ['-)']],
  ['(', [')']],
  ['[[', [']]']],
  ['[(', [')]']],
  ['[/', ['/]', '\\]']],
  ['[\\', ['\\]', '/]']],
  ['[', [']']],
  ['{{', ['}}']],
  ['{', ['}']],
  ['>', [']']],
];

class Reader {
  pos: number;
  constructor(
    readonly text: string,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  get done(): boolean {
    return this.pos >= this.end;
  }
  peek(length = 1): string {
    return this.text.slice(this.pos, Math.min(this.pos + length, this.end));
  }
  skipSpaces(): void {
    SPACES.lastIndex = this.pos;
    SPACES.exec(this.text);
    this.pos = Math.min(SPACES.lastIndex, this.end);
  }
  match(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.pos;
    const found = pattern.exec(this.text);
    if (!found || found.index !== this.pos || this.pos + found[0].length > this.end) return undefined;
    this.pos += found[0].length;
    return found;
  }
}

function readNode(reader: Reader): NodeRef | undefined {
  const start = reader.pos;
  const id = reader.match(ID);
  if (!id) return undefined;
  const node: NodeRef = { id: id[0], start, end: reader.pos, idEnd: reader.pos };
  if (isReservedId(node.id)) return undefined;
  if (reader.peek(2) === '@{') {
    const close = findClosingBrace(reader.text, reader.pos + 1, reader.end);
    if (close < 0) return undefined;
    node.shapeData = { start: reader.pos, end: close + 1 };
    const body = reader.text.slice(reader.pos + 2, close);
    const label = /(\blabel\s*:\s*)("([^"]*)"|[^,}\n]*)/.exec(body);
    if (label) {
      const valueStart = reader.pos + 2 + label.index + label[1].length;
      const quoted = label[2].startsWith('"');
      node.label = {
        start: valueStart,
        end: valueStart + label[2].trimEnd().length,
        text: quoted ? label[3] : label[2].trim(),
      };
    }
    reader.pos = close + 1;
  } else {
    const opener = SHAPES.find(([open]) => reader.text.startsWith(open, reader.pos));
    if (opener) {
      const [open, closers] = opener;
      const shapeStart = reader.pos;
      let cursor = reader.pos + open.length;
      let labelText: string;
      let labelStart = cursor;
      let labelEnd: number;
      // Quoted text may hold the closing characters; unquoted text ends at the first closer.
      const afterSpace = /[ \t]*/y;
      afterSpace.lastIndex = cursor;
      afterSpace.exec(reader.text);
      if (reader.text[afterSpace.lastIndex] === '"') {
        const closeQuote = reader.text.indexOf('"', afterSpace.lastIndex + 1);
        if (closeQuote < 0 || closeQuote >= reader.end) return undefined;
        labelStart = afterSpace.lastIndex;
        labelEnd = closeQuote + 1;
        labelText = reader.text.slice(labelStart + 1, closeQuote);
        cursor = labelEnd;
        afterSpace.lastIndex = cursor;
        afterSpace.exec(reader.text);
        cursor = afterSpace.lastIndex;
        const close = closers.find((candidate) => reader.text.startsWith(candidate, cursor));
        if (!close) return undefined;
        node.shape = { start: shapeStart, end: cursor + close.length, open, close };
      } else {
        let best = -1;
        let bestClose = '';
        for (const close of closers) {
          const at = reader.text.indexOf(close, cursor);
          if (at >= 0 && at < reader.end && (best < 0 || at < best)) {
            best = at;
            bestClose = close;
          }
        }
        if (best < 0) return undefined;
        labelText = reader.text.slice(cursor, best);
        if (/[\n"]/.test(labelText)) return undefined;
        labelEnd = best;
        node.shape = { start: shapeStart, end: best + bestClose.length, open, close: bestClose };
        labelText = labelText.trim();
      }
      node.label = { start: labelStart, end: labelEnd, text: labelText };
      reader.pos = node.shape.end;
    }
  }
  reader.match(/:::[\p{L}\p{N}_-]+/uy); // a class suffix stays part of the node's text
  node.end = reader.pos;
  return node;
}

function findClosingBrace(text: string, open: number, end: number): number {
  let inString = false;
  for (let index = open + 1; index < end; index++) {
    const char = text[index];
    if (char === '"') inString = !inString;
    else if (!inString && char === '}') return index;
    else if (char === '\n' && !inString) return -1;
  }
  return -1;
}

function styleOf(body: string): ArrowStyle {
  if (body.startsWith('~')) return 'invisible';
  if (body.includes('.')) return 'async';
  if (body.startsWith('=')) return 'thick';
  return 'sync';
}

const ARROW = /([xo<]?)(-{2,}|={2,}|-\.+-|~{3,})([xo>]?)/y;
const INLINE_START = /([xo<]?)(--|==|-\.)(?=[ \t]*[^\s>\-=.|ox])/y;
const PIPE_LABEL = /[ \t]*\|("([^"|]*)"|[^|\n]*)\|/y;

function readLink(reader: Reader): LinkRef | undefined {
  const start = reader.pos;
  const edgeId = reader.match(/([\p{L}\p{N}_]+)@(?=[-=~xo<.])/uy);
  const arrowStart = reader.pos;
  // `-- text -->`, `-. text .->`, `== text ==>`: the label sits inside the arrow.
  const inline = reader.match(INLINE_START);
  if (inline) {
    const closing = inline[2] === '--' ? /-{2,}[>xo]|-{3,}/g : inline[2] === '==' ? /={2,}[>xo]|={3,}/g : /\.+-[>xo]?/g;
    closing.lastIndex = reader.pos;
    const found = closing.exec(reader.text);
    if (found && found.index < reader.end && !reader.text.slice(reader.pos, found.index).includes('\n')) {
      const raw = reader.text.slice(reader.pos, found.index);
      const leading = raw.length - raw.trimStart().length;
      const textStart = reader.pos + leading;
      const textEnd = reader.pos + raw.trimEnd().length;
      reader.pos = found.index + found[0].length;
      const quoted = reader.text.slice(textStart, textEnd);
      const text = quoted.startsWith('"') && quoted.endsWith('"') && quoted.length >= 2 ? quoted.slice(1, -1) : quoted;
      return {
        start,
        end: reader.pos,
        arrowEnd: reader.pos,
        edgeId: edgeId?.[1],
        style: styleOf(inline[2]),
        label: { start: textStart, end: textEnd, text, form: 'inline' },
      };
    }
    reader.pos = arrowStart;
  }
  const arrow = reader.match(ARROW);
  if (!arrow) {
    reader.pos = start;
    return undefined;
  }
  const link: LinkRef = { start, end: reader.pos, arrowEnd: reader.pos, edgeId: edgeId?.[1], style: styleOf(arrow[2]) };
  const pipe = reader.match(PIPE_LABEL);
  if (pipe) {
    const open = reader.text.indexOf('|', link.arrowEnd);
    link.label = { start: open + 1, end: reader.pos - 1, text: pipe[2] ?? pipe[1].trim(), form: 'pipe' };
    link.end = reader.pos;
  }
  return link;
}

function readChain(reader: Reader, start: number, end: number): ChainStatement | undefined {
  const groups: NodeRef[][] = [];
  const links: LinkRef[] = [];
  for (;;) {
    const group: NodeRef[] = [];
    for (;;) {
      reader.skipSpaces();
      const node = readNode(reader);
      if (!node) return undefined;
      group.push(node);
      reader.skipSpaces();
      if (reader.peek() !== '&') break;
      reader.pos++;
    }
    groups.push(group);
    reader.skipSpaces();
    if (reader.done) break;
    const link = readLink(reader);
    if (!link) return undefined;
    links.push(link);
  }
  return { kind: 'chain', start, end, groups, links };
}

/** Splits the text into statements: by line, then by `;` outside quotes, brackets and `|…|`. */
function statementSpans(text: string, from: number): Span[] {
  const spans: Span[] = [];
  let start = from;
  let depth = 0;
  let inQuote = false;
  let inPipe = false;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let index = from; index <= text.length; index++) {
    const char = text[index];
    if (index === text.length || char === '\n') {
      push(index);
      start = index + 1;
      depth = 0;
      inQuote = false;
      inPipe = false;
      continue;
    }
    if (char === '%' && text[index + 1] === '%' && !inQuote) {
      // A comment (or a directive) runs to the end of the line.
      push(index);
      const lineEnd = text.indexOf('\n', index);
      index = (lineEnd < 0 ? text.length : lineEnd) - 1;
      start = index + 1;
      continue;
    }
    if (char === '"') inQuote = !inQuote;
    else if (inQuote) continue;
    else if (char === '|') inPipe = !inPipe;
    else if ('[({'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
    else if (char === ';' && depth === 0 && !inPipe) {
      push(index);
      start = index + 1;
    }
  }
  return spans;
}

/** Reads a flowchart; for other diagram types `header` is undefined and nothing else is filled. */
export function scanFlowchart(text: string): FlowchartSource {
  const source: FlowchartSource = {
    text,
    statements: [],
    edges: [],
    nodes: new Map(),
    subgraphIds: new Set(),
    mentionedIds: new Set(),
    indent: '    ',
    contentEnd: text.trimEnd().length,
  };
  let from = 0;
  // YAML front matter (`---` … `---`) comes before the diagram.
  const frontMatter = /^\s*---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (frontMatter) from = frontMatter[0].length;
  const spans = statementSpans(text, from);
  const first = spans[0];
  if (!first) return source;
  const headerMatch = /^(flowchart-elk|flowchart|graph)\b[ \t]*(TB|TD|BT|RL|LR|<|>|\^|v)?/.exec(text.slice(first.start, first.end));
  if (!headerMatch) return source;
  const header: HeaderStatement = {
    kind: 'header',
    start: first.start,
    end: first.start + headerMatch[0].trimEnd().length,
    keyword: { start: first.start, end: first.start + headerMatch[1].length },
  };
  if (headerMatch[2]) {
    const at = first.start + headerMatch[0].lastIndexOf(headerMatch[2]);
    header.direction = { start: at, end: at + headerMatch[2].length, value: headerMatch[2] };
  }
  source.header = header;
  source.statements.push(header);
  const rest = [...spans.slice(1)];
  // `flowchart LR; a --> b` on one line: the header's own span may carry more than the header.
  if (header.end < first.end) {
    const tail = text.slice(header.end, first.end);
    const offset = tail.length - tail.trimStart().length;
    if (tail.trim()) rest.unshift({ start: header.end + offset, end: first.end });
  }
  let indentFound = false;
  for (const span of rest) {
    const statement = readStatement(text, span);
    source.statements.push(statement);
    if (!indentFound && statement.kind !== 'other') {
      const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
      const indent = text.slice(lineStart, span.start);
      if (/^[ \t]*$/.test(indent)) {
        source.indent = indent;
        indentFound = true;
      }
    }
  }
  collectGraph(source);
  return source;
}

function readStatement(text: string, span: Span): Statement {
  const body = text.slice(span.start, span.end);
  const keyword = /^([A-Za-z]+)\b/.exec(body)?.[1];
  switch (keyword) {
    case 'subgraph': {
      const id = /^subgraph[ \t]+([\p{L}\p{N}_-]+)/u.exec(body)?.[1];
      return { kind: 'subgraph', ...span, id };
    }
    case 'end':
      if (body === 'end') return { kind: 'end', ...span };
      break;
    case 'direction':
      return { kind: 'direction', ...span };
    case 'classDef':
      return { kind: 'classDef', ...span };
    case 'class': {
      const found = /^class[ \t]+([^ \t]+)/.exec(body);
      if (!found) return { kind: 'other', ...span };
      return { kind: 'class', ...span, targets: listTargets(found[1], span.start + found[0].length - found[1].length) };
    }
    case 'style':
    case 'click': {
      const found = new RegExp(`^${keyword}[ \\t]+([^ \\t]+)`).exec(body);
      if (!found) return { kind: 'other', ...span };
      const at = span.start + found[0].length - found[1].length;
      return { kind: keyword, ...span, targets: [{ start: at, end: at + found[1].length, value: found[1] }] };
    }
    case 'linkStyle': {
      const found = /^linkStyle[ \t]+([0-9][0-9, \t]*[0-9]|[0-9]|default)\b/.exec(body);
      if (!found) return { kind: 'other', ...span };
      if (found[1] === 'default') return { kind: 'other', ...span };
      return { kind: 'linkStyle', ...span, targets: listTargets(found[1], span.start + found[0].length - found[1].length) };
    }
    case 'accTitle':
    case 'accDescr':
      return { kind: 'other', ...span };
  }
  const chain = readChain(new Reader(text, span.start, span.end), span.start, span.end);
  return chain ?? { kind: 'other', ...span };
}

function listTargets(list: string, at: number): (Span & { value: string })[] {
  const targets: (Span & { value: string })[] = [];
  const item = /[^,\s]+/g;
  for (let found = item.exec(list); found; found = item.exec(list)) {
    targets.push({ start: at + found.index, end: at + found.index + found[0].length, value: found[0] });
  }
  return targets;
}

function collectGraph(source: FlowchartSource): void {
  const pairCounts = new Map<string, number>();
  const usedIds = new Set<string>();
  for (const statement of source.statements) {
    if (statement.kind === 'subgraph' && statement.id) source.subgraphIds.add(statement.id);
    if (statement.kind === 'style' || statement.kind === 'class' || statement.kind === 'click') {
      for (const target of statement.targets) source.mentionedIds.add(target.value);
    }
    if (statement.kind !== 'chain') continue;
    for (const group of statement.groups) {
      for (const node of group) {
        const entry = source.nodes.get(node.id) ?? { label: node.id, refs: [] };
        entry.refs.push(node);
        if (node.label) entry.label = node.label.text;
        source.nodes.set(node.id, entry);
      }
    }
    statement.links.forEach((link, linkIndex) => {
      for (const fromNode of statement.groups[linkIndex]) {
        for (const toNode of statement.groups[linkIndex + 1]) {
          // Mermaid's ids: the first a→b edge is L_a_b_0, a second one L_a_b_2, then L_a_b_3…
          const key = `${fromNode.id}\u0000${toNode.id}`;
          const existing = pairCounts.get(key) ?? 0;
          pairCounts.set(key, existing + 1);
          let renderId = `L_${fromNode.id}_${toNode.id}_${existing === 0 ? 0 : existing + 1}`;
          if (link.edgeId && !usedIds.has(link.edgeId)) renderId = link.edgeId;
          usedIds.add(renderId);
          source.edges.push({
            from: fromNode.id,
            to: toNode.id,
            index: source.edges.length,
            renderId,
            statement,
            link: linkIndex,
            fromNode,
            toNode,
            label: link.label?.text,
            style: link.style,
          });
        }
      }
    });
  }
}
