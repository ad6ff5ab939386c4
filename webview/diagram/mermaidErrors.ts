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
  hash?: { loc?: { first_line?: unknown; last_line?: unknown; last_column?: unknown }; text?: unknown; line?: unknown };
}

/**
 * A readable message and, when known, the 1-based line of the user's document the error is on and
 * the 1-based column of the token the parser stopped at.
 */
export function describeMermaidError(error: unknown, text: string): { message: string; line?: number; column?: number } {
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
  if (parserLine === undefined) return { message };
  const line = documentLineOf(text, parserLine);
  const column = columnOf(shape, parserLine, text.split(/\r?\n/)[line - 1] ?? '');
  return column === undefined ? { message, line } : { message, line, column };
}

/**
 * jison reports where the last token it accepted ends (`loc`) and the text of the token it could not
 * take (`text`): the error starts where that text next appears on the line.
 */
function columnOf(shape: ParserErrorShape, parserLine: number, sourceLine: string): number | undefined {
  const token = typeof shape.hash?.text === 'string' ? shape.hash.text.trim() : '';
  const loc = shape.hash?.loc;
  if (!token || !loc) return undefined;
  const from = loc.last_line === parserLine && typeof loc.last_column === 'number' ? loc.last_column : 0;
  const at = sourceLine.indexOf(token, from);
  return at >= 0 ? at + 1 : undefined;
}
