/**
 * mermaid drops `%%` comment lines and leading blank lines before parsing, so the line numbers in
 * its errors count only the lines it kept. Map them back to lines of the user's document.
 */
export function documentLineOf(text: string, parserLine: number): number {
  const lines = text.split(/\r?\n/);
  const kept: number[] = [];
  let started = false;
  lines.forEach((line, index) => {
    if (/^\s*%%(?!\{)/.test(line)) return;
    if (!started && line.trim() === '') return;
    started = true;
    kept.push(index + 1);
  });
  return kept[parserLine - 1] ?? Math.min(parserLine, lines.length);
}

interface ParserErrorShape {
  message?: unknown;
  str?: unknown;
  hash?: { loc?: { first_line?: unknown }; line?: unknown };
}

/** A readable message and, when known, the 1-based line of the user's document the error is on. */
export function describeMermaidError(error: unknown, text: string): { message: string; line?: number } {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ParserErrorShape;
  const raw = typeof shape.str === 'string' ? shape.str : typeof shape.message === 'string' ? shape.message : String(error);
  const message = raw.trim() || 'Syntax error';
  let parserLine: number | undefined;
  if (typeof shape.hash?.loc?.first_line === 'number') {
    parserLine = shape.hash.loc.first_line;
  } else {
    const match = /\bline:? (\d+)/i.exec(message);
    if (match) parserLine = Number(match[1]);
  }
  return parserLine === undefined ? { message } : { message, line: documentLineOf(text, parserLine) };
}
