/**
 * What a diagram's text means to the renderer, as a string: two texts with the same key draw the
 * same picture, so an edit that keeps the key (indentation, blank lines, `%%` comments, trailing
 * spaces or `;`) needs no render. Quoted text is kept exactly; `%%{…}%%` directives count.
 */
export function diagramKey(text: string): string {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line.startsWith('%%') && !line.startsWith('%%{')) continue;
    line = collapseOutsideQuotes(line).replace(/\s*;$/, '');
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

function collapseOutsideQuotes(line: string): string {
  let result = '';
  let inQuote = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (char === '"') inQuote = !inQuote;
    if (!inQuote && (char === ' ' || char === '\t')) {
      if (!result.endsWith(' ')) result += ' ';
      continue;
    }
    result += char;
  }
  return result;
}
