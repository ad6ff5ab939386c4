import { parseDocument } from 'yaml';

export interface FrontMatterResult {
  /** The parsed YAML mapping, or undefined when the file has no front matter block. */
  data: unknown;
  body: string;
  /** YAML syntax errors, with 1-based line numbers relative to the whole file. */
  errors: { line: number; message: string }[];
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits a Markdown file into its `---` YAML front matter and body. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const source = text.replace(/^\uFEFF/, '');
  const match = FENCE.exec(source);
  if (!match) {
    return { data: undefined, body: source, errors: [] };
  }
  const doc = parseDocument(match[1], { prettyErrors: false });
  const errors = doc.errors.map((error) => ({
    // +1: the opening fence occupies the first line of the file.
    line: (error.linePos?.[0].line ?? 1) + 1,
    message: error.message.split('\n')[0],
  }));
  return {
    data: errors.length ? undefined : doc.toJS(),
    body: source.slice(match[0].length).replace(/^\s*\n/, ''),
    errors,
  };
}
