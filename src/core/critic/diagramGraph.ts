import type { ComponentKind } from '../componentKinds';
import { scanFlowchart, type ArrowStyle } from '../flowchart/flowchartScanner';
import { findMermaidFences } from '../markdownFences';
import { classifyComponent } from './componentClassifier';

export interface GraphNode {
  id: string;
  label: string;
  kind?: ComponentKind;
  /** 0-based line of the node's first mention, in the file the diagram came from. */
  line: number;
  /** Which file that is, when several are read together. */
  source?: 'answer' | 'diagram';
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
  style: ArrowStyle;
  line: number;
}

/** A flowchart as the critic sees it: classified components and the connections between them. */
export interface DiagramGraph {
  nodes: GraphNode[];
  byId: Map<string, GraphNode>;
  edges: GraphEdge[];
  /** False for empty text or another diagram type: rules about structure do not apply. */
  isFlowchart: boolean;
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
}

/** The graph of one Mermaid text; `firstLine` shifts line numbers (a block inside Markdown). */
export function buildDiagramGraph(text: string, firstLine = 0): DiagramGraph {
  const source = scanFlowchart(text);
  const lineOf = lineIndex(text);
  const nodes: GraphNode[] = [];
  for (const [id, node] of source.nodes) {
    const first = node.refs[0];
    const shape = [...node.refs].reverse().find((ref) => ref.shape)?.shape?.open;
    nodes.push({ id, label: node.label, kind: classifyComponent(node.label, id, shape), line: firstLine + lineOf(first.start) });
  }
  const edges = source.edges.map((edge) => ({
    from: edge.from,
    to: edge.to,
    label: edge.label,
    style: edge.style,
    line: firstLine + lineOf(edge.statement.links[edge.link].start),
  }));
  return { nodes, byId: new Map(nodes.map((node) => [node.id, node])), edges, isFlowchart: Boolean(source.header) };
}

/** Every ```mermaid block of a Markdown answer, each as its own graph with the answer's line numbers. */
export function graphsInMarkdown(markdown: string): DiagramGraph[] {
  const lineOf = lineIndex(markdown);
  return findMermaidFences(markdown).map((fence) =>
    withSource(buildDiagramGraph(markdown.slice(fence.contentStart, fence.contentEnd), lineOf(fence.contentStart)), 'answer'),
  );
}

export function withSource(graph: DiagramGraph, source: 'answer' | 'diagram'): DiagramGraph {
  for (const node of graph.nodes) node.source = source;
  return graph;
}

/** Several diagrams read as one (the .mmd file and the blocks of answer.md). Ids are kept per source. */
export function mergeGraphs(graphs: DiagramGraph[]): DiagramGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  graphs.forEach((graph, index) => {
    const prefix = index === 0 ? '' : `${index}:`;
    nodes.push(...graph.nodes.map((node) => ({ ...node, id: prefix + node.id })));
    edges.push(...graph.edges.map((edge) => ({ ...edge, from: prefix + edge.from, to: prefix + edge.to })));
  });
  return { nodes, byId: new Map(nodes.map((node) => [node.id, node])), edges, isFlowchart: graphs.some((graph) => graph.isFlowchart) };
}
