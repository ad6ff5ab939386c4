import { isMap, isSeq, parseDocument, type Document } from 'yaml';

export interface FrontMatterResult {
  /** The parsed YAML mapping, or undefined when the file has no front matter block. */
  data: unknown;
  body: string;
  /** YAML syntax errors, with 1-based line numbers relative to the whole file. */
  errors: { line: number; message: string }[];
  /**
   * The 1-based file line of the value at `path` (e.g. `['rubric', 2, 'weight']`), or of its nearest
   * existing parent when the value is missing, so a schema error can point at the right line.
   */
  lineOf(path: readonly PropertyKey[]): number;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits a Markdown file into its `---` YAML front matter and body. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const source = text.replace(/^\uFEFF/, '');
  const match = FENCE.exec(source);
  if (!match) {
    return { data: undefined, body: source, errors: [], lineOf: () => 1 };
  }
  const yamlText = match[1];
  const doc = parseDocument(yamlText, { prettyErrors: false });
  // +1: the opening fence occupies the first line of the file.
  const lineAt = (offset: number) => countLines(yamlText, offset) + 1;
  const errors = doc.errors.map((error) => ({
    line: (error.linePos?.[0].line ?? 1) + 1,
    message: error.message.split('\n')[0],
  }));
  return {
    data: errors.length ? undefined : doc.toJS(),
    body: source.slice(match[0].length).replace(/^\s*\n/, ''),
    errors,
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? 1 : lineAt(offset);
    },
  };
}

function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = (node as { range?: [number] } | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key];
      offset = (node as { range?: [number] }).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
