/** A ```mermaid block in a Markdown document. Lines are 0-based; offsets index the document text. */
export interface MermaidFence {
  /** Line of the opening fence. */
  startLine: number;
  /** Line of the closing fence (the line after the document for an unclosed block). */
  endLine: number;
  /** The block's content: from the line after the opener to the start of the closing fence. */
  contentStart: number;
  contentEnd: number;
}

const OPENER = /^ {0,3}(`{3,}|~{3,})[ \t]*mermaid(?:[ \t{].*)?$/;

/** Every fenced Mermaid block, in order. Follows CommonMark: the closer uses the same character, at least as long. */
export function findMermaidFences(text: string): MermaidFence[] {
  const fences: MermaidFence[] = [];
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const lineAt = (line: number) => {
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    return text.slice(lineStarts[line], end).replace(/\r$/, '');
  };
  let open: { line: number; marker: string } | undefined;
  let otherFence: string | undefined;
  for (let line = 0; line < lineStarts.length; line++) {
    const content = lineAt(line);
    if (open) {
      const closer = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(content);
      if (closer && closer[1][0] === open.marker[0] && closer[1].length >= open.marker.length) {
        fences.push({ startLine: open.line, endLine: line, contentStart: lineStarts[open.line + 1] ?? text.length, contentEnd: lineStarts[line] });
        open = undefined;
      }
      continue;
    }
    if (otherFence) {
      // Inside another language's fence: a ```mermaid line there is just text.
      const closer = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(content);
      if (closer && closer[1][0] === otherFence[0] && closer[1].length >= otherFence.length) otherFence = undefined;
      continue;
    }
    const opener = OPENER.exec(content);
    if (opener) {
      open = { line, marker: opener[1] };
      continue;
    }
    const other = /^ {0,3}(`{3,}|~{3,})/.exec(content);
    if (other) otherFence = other[1];
  }
  if (open) {
    fences.push({ startLine: open.line, endLine: lineStarts.length, contentStart: lineStarts[open.line + 1] ?? text.length, contentEnd: text.length });
  }
  return fences;
}

/** A backtick fence longer than any backtick run in `text` (three at least), so nothing inside can close it early. */
export function backtickFenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  return '`'.repeat(longest + 1);
}

/** `text` as a fenced code block in `language`, without its trailing newlines. */
export function fencedBlock(text: string, language: string): string {
  const fence = backtickFenceFor(text);
  return `${fence}${language}\n${text.replace(/\n+$/, '')}\n${fence}`;
}
