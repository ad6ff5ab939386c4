// Test page script: parses flowcharts with the same mermaid the webview ships and reports what mermaid
// understood (vertices with labels, edges in order), so tests can compare meanings, not just texts.
import mermaid from 'mermaid';

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string }>;
  getEdges(): { start: string; end: string; text?: string; stroke?: string }[];
  getDirection(): string | undefined;
}

mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

(window as unknown as { __parseFlowchart: unknown }).__parseFlowchart = async (text: string) => {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as FlowDb;
    return {
      ok: true,
      direction: db.getDirection(),
      vertices: [...db.getVertices().values()].map((vertex) => ({ id: vertex.id, text: vertex.text ?? vertex.id })),
      edges: db.getEdges().map((edge) => ({ start: edge.start, end: edge.end, text: edge.text ?? '', stroke: edge.stroke ?? 'normal' })),
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
};
(window as unknown as { __probeReady: boolean }).__probeReady = true;
