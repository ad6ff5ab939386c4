/**
 * The estimate checker: `name = expression` lines of an answer's Estimates section, evaluated with the
 * units interviewers write (50M, 2KB, 10^8, 3万, 1亿, /s, /day), checked for arithmetic slips against
 * a result the candidate wrote after a second `=`, and compared with the entry's reference figures.
 */
import type { ReferenceEstimate } from '../catalog/catalogSchema';
import type { Localized } from '../localized';

export interface EstimateLine {
  name: string;
  expression: string;
  /** 0-based line in the answer. */
  line: number;
  value?: number;
  /** The value is a size in bytes (it used a byte unit, or a name that was one). */
  bytes: boolean;
  /** A result the candidate wrote (`= 1157`), when it is off from the computed value by more than 10%. */
  slip?: { stated: number; computed: number };
  error?: Localized;
}

export type EstimateVerdict = 'ok' | 'off' | 'far' | 'missing';

export interface EstimateComparison {
  id: string;
  title: Localized;
  reference: number;
  unit: ReferenceEstimate['unit'];
  verdict: EstimateVerdict;
  /** The answer's line that gives this figure, and its value. */
  line?: number;
  name?: string;
  value?: number;
}

export interface EstimateReport {
  lines: EstimateLine[];
  comparisons: EstimateComparison[];
}

const SECTION = /^#{1,6}\s*(estimates?|capacity|back[- ]of[- ]the[- ]envelope|容量估算|容量预估|估算|容量)\b/i;
const ASSIGNMENT = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?`?([A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*)`?\s*=\s*(.+?)\s*$/;

/** Reads and evaluates the Estimates section of a Markdown answer (the whole answer when it has none). */
export function checkEstimates(markdown: string, references: readonly ReferenceEstimate[] = []): EstimateReport {
  const lines = markdown.split(/\r?\n/);
  let from = 0;
  let to = lines.length;
  const start = lines.findIndex((line) => SECTION.test(line.trim()));
  if (start >= 0) {
    from = start + 1;
    const level = /^#+/.exec(lines[start].trim())![0].length;
    const next = lines.findIndex((line, index) => index > start && new RegExp(`^#{1,${level}}\\s`).test(line.trim()));
    if (next >= 0) to = next;
  }
  const scope = new Map<string, { value: number; bytes: boolean }>();
  const results: EstimateLine[] = [];
  // Estimates inside a fence of their own (```text) count; lines of a mermaid diagram do not.
  let fence: 'mermaid' | 'other' | undefined;
  for (let index = from; index < to; index++) {
    const raw = lines[index];
    if (/^\s*(```|~~~)/.test(raw)) {
      fence = fence ? undefined : /mermaid/i.test(raw) ? 'mermaid' : 'other';
      continue;
    }
    if (fence === 'mermaid') continue;
    const match = ASSIGNMENT.exec(stripComment(raw));
    if (!match) continue;
    const [, name, rest] = match;
    const parts = rest.split(/\s*(?:≈|~=|=)\s*/);
    const expression = parts[0];
    const line: EstimateLine = { name, expression, line: index, bytes: false };
    try {
      const result = evaluate(expression, scope, /size|storage|bytes?|bandwidth|disk|space|memory|容量|存储|带宽|内存|磁盘/i.test(name));
      line.value = result.value;
      line.bytes = result.bytes;
      scope.set(name.toLowerCase(), result);
      const stated = parts.length > 1 ? safeNumber(parts[parts.length - 1], scope) : undefined;
      if (stated !== undefined && !close(stated, result.value, 0.1)) line.slip = { stated, computed: result.value };
    } catch (error) {
      line.error = error instanceof EstimateError ? error.text : { en: 'Could not read this expression.', 'zh-CN': '无法解析这个表达式。' };
    }
    results.push(line);
  }
  return { lines: results, comparisons: references.map((reference) => compare(reference, results)) };
}

/** Drops `# …` and `// …` comments, backticks, and a trailing aside in words: "(about 1.2K)", "（峰值）". */
function stripComment(line: string): string {
  return line
    .replace(/\s(#|\/\/).*$/, '')
    .replace(/\s*[（(]([^()（）]*)[）)]\s*$/, (aside, inner: string) => (/[\u4e00-\u9fff]|[a-z]{2,}\s+[a-z]{2,}/i.test(inner) ? '' : aside))
    .replace(/`/g, '');
}

function safeNumber(text: string, scope: Map<string, { value: number; bytes: boolean }>): number | undefined {
  try {
    const trimmed = text.replace(/\s*(qps|rps|tps|per second|每秒|次\/秒|\/s)\s*$/i, '');
    return evaluate(trimmed, scope, false).value;
  } catch {
    return undefined;
  }
}

const close = (a: number, b: number, tolerance: number) =>
  a === b || Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));

class EstimateError extends Error {
  constructor(readonly text: Localized) {
    super(text.en);
  }
}

const MULTIPLIERS: Record<string, number> = {
  k: 1e3, K: 1e3, M: 1e6, m: 1e6, bn: 1e9, Bn: 1e9, G: 1e9, T: 1e12, 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8, 千: 1e3, 百万: 1e6,
};
const BYTE_UNITS: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, PiB: 1024 ** 5,
};
/** `/s`, `/day`: units of a rate, not divisions (`50M/day` is fifty million a day). */
const RATE_UNIT = /^\/\s*(s|sec|second|min|minute|h|hour|d|day|month|mo|year|yr)\b/i;

type Token = { kind: 'number'; value: number; bytes: boolean } | { kind: 'name'; text: string } | { kind: 'op'; text: string };

function tokenize(expression: string, bytesByName: boolean): Token[] {
  const tokens: Token[] = [];
  let rest = expression.trim();
  while (rest) {
    const space = /^\s+/.exec(rest);
    if (space) {
      rest = rest.slice(space[0].length);
      continue;
    }
    const rate = RATE_UNIT.exec(rest);
    if (rate && tokens.length && tokens[tokens.length - 1].kind !== 'op') {
      rest = rest.slice(rate[0].length);
      continue;
    }
    const number = /^(\d+(?:,\d{3})+|\d*\.?\d+)(?:e([+-]?\d+))?\s*(KiB|MiB|GiB|TiB|PiB|KB|MB|GB|TB|PB|bn|Bn|百万|[kKMmBGTWw万亿千])?/.exec(rest);
    if (number) {
      let value = Number(number[1].replace(/,/g, '')) * 10 ** Number(number[2] ?? 0);
      const unit = number[3];
      let bytes = false;
      if (unit && unit in BYTE_UNITS && (unit !== 'B' || bytesByName || /[KMGTP]i?B/.test(expression))) {
        value *= BYTE_UNITS[unit];
        bytes = true;
      } else if (unit === 'B') {
        value *= 1e9; // a bare B on a count is a billion
      } else if (unit) {
        value *= MULTIPLIERS[unit];
      }
      tokens.push({ kind: 'number', value, bytes });
      rest = rest.slice(number[0].length);
      continue;
    }
    const name = /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*/.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0] });
      rest = rest.slice(name[0].length);
      continue;
    }
    const op = /^(\*\*|[-+*/^()×÷])/.exec(rest);
    if (op) {
      const text = op[1] === '**' ? '^' : op[1] === '×' ? '*' : op[1] === '÷' ? '/' : op[1];
      tokens.push({ kind: 'op', text });
      rest = rest.slice(op[0].length);
      continue;
    }
    throw new EstimateError({ en: `Unexpected "${rest[0]}" in the expression.`, 'zh-CN': `表达式里出现了无法识别的“${rest[0]}”。` });
  }
  return tokens;
}

/**
 * Evaluates an estimate expression: + - * / ^ and parentheses over numbers with units and names
 * defined on earlier lines. Throws EstimateError with a bilingual message for anything else.
 */
export function evaluate(
  expression: string,
  scope: ReadonlyMap<string, { value: number; bytes: boolean }> = new Map(),
  bytesByName = false,
): { value: number; bytes: boolean } {
  if (expression.length > 500) throw new EstimateError({ en: 'The expression is too long.', 'zh-CN': '表达式太长。' });
  const tokens = tokenize(expression, bytesByName);
  let position = 0;
  const peek = () => tokens[position];
  const expectEnd = () => {
    if (position < tokens.length) throw new EstimateError({ en: 'Unexpected text after the expression.', 'zh-CN': '表达式后面有多余的内容。' });
  };
  // Precedence climbing: + - < * / < ^ (right-associative) < unary minus.
  const parse = (minimum: number, depth: number): { value: number; bytes: boolean } => {
    if (depth > 100) throw new EstimateError({ en: 'The expression is nested too deeply.', 'zh-CN': '表达式嵌套太深。' });
    let left = primary(depth);
    for (;;) {
      const token = peek();
      if (!token || token.kind !== 'op' || token.text === '(' || token.text === ')') break;
      const precedence = token.text === '^' ? 3 : token.text === '*' || token.text === '/' ? 2 : 1;
      if (precedence < minimum) break;
      position++;
      const right = parse(token.text === '^' ? precedence : precedence + 1, depth + 1);
      left = apply(token.text, left, right);
    }
    return left;
  };
  const primary = (depth: number): { value: number; bytes: boolean } => {
    const token = tokens[position++];
    if (!token) throw new EstimateError({ en: 'The expression ends too early.', 'zh-CN': '表达式不完整。' });
    if (token.kind === 'number') return { value: token.value, bytes: token.bytes };
    if (token.kind === 'name') {
      const known = scope.get(token.text.toLowerCase());
      if (!known) throw new EstimateError({ en: `"${token.text}" is not defined on an earlier line.`, 'zh-CN': `“${token.text}”没有在前面的行中定义。` });
      return known;
    }
    if (token.text === '(') {
      const inner = parse(1, depth + 1);
      const close = tokens[position++];
      if (close?.kind !== 'op' || close.text !== ')') throw new EstimateError({ en: 'A parenthesis is not closed.', 'zh-CN': '括号没有闭合。' });
      return inner;
    }
    if (token.text === '-' || token.text === '+') {
      const operand = parse(3, depth + 1);
      return { value: token.text === '-' ? -operand.value : operand.value, bytes: operand.bytes };
    }
    throw new EstimateError({ en: `Unexpected "${token.text}".`, 'zh-CN': `出现了意外的“${token.text}”。` });
  };
  const result = parse(1, 0);
  expectEnd();
  if (!Number.isFinite(result.value)) throw new EstimateError({ en: 'The result is not a finite number (division by zero?).', 'zh-CN': '结果不是有限数（除以零了吗？）。' });
  return result;
}

function apply(op: string, left: { value: number; bytes: boolean }, right: { value: number; bytes: boolean }) {
  const bytes = left.bytes || right.bytes;
  switch (op) {
    case '+':
      return { value: left.value + right.value, bytes };
    case '-':
      return { value: left.value - right.value, bytes };
    case '*':
      return { value: left.value * right.value, bytes };
    case '/':
      return { value: left.value / right.value, bytes: left.bytes && !right.bytes };
    default:
      return { value: left.value ** right.value, bytes: left.bytes };
  }
}

const SYNONYMS: Record<string, string> = {
  rps: 'qps', tps: 'qps', requests: 'qps', request: 'qps', throughput: 'qps', rate: 'qps',
  writes: 'write', creates: 'write', create: 'write', creation: 'write', creations: 'write', post: 'write', posts: 'write', insert: 'write',
  reads: 'read', views: 'read', view: 'read', gets: 'read', lookups: 'read', lookup: 'read', redirect: 'read', redirects: 'read', query: 'read', queries: 'read', fetch: 'read',
  size: 'storage', bytes: 'storage', disk: 'storage', space: 'storage',
  max: 'peak', avg: 'average', mean: 'average',
};

function tokensOf(name: string): Set<string> {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .filter(Boolean)
    .map((word) => SYNONYMS[word] ?? word.replace(/(?<=..)s$/, ''))
    .map((word) => SYNONYMS[word] ?? word);
  return new Set(words);
}

function unitFits(reference: ReferenceEstimate, line: EstimateLine): boolean {
  const name = line.name.toLowerCase();
  switch (reference.unit) {
    case 'bytes':
    case 'bytes-per-second':
      return line.bytes;
    case 'per-second':
      return !line.bytes && /qps|rps|tps|per_?s|_ps|rate|throughput|peak|每秒/.test(name);
    case 'count':
      return !line.bytes;
  }
}

function compare(reference: ReferenceEstimate, lines: EstimateLine[]): EstimateComparison {
  const wanted = tokensOf(reference.id);
  let best: { line: EstimateLine; score: number; distance: number } | undefined;
  for (const line of lines) {
    if (line.value === undefined || !unitFits(reference, line)) continue;
    const have = tokensOf(line.name);
    const shared = [...wanted].filter((word) => have.has(word)).length;
    const score = shared / new Set([...wanted, ...have]).size;
    // Ties go to the figure closer to the reference (peak_read_qps, not peak_write_qps, for redirects).
    const distance = Math.abs(Math.log((line.value ?? 1) / reference.value));
    if (score >= 0.34 && (!best || score > best.score || (score === best.score && distance < best.distance))) best = { line, score, distance };
  }
  const base = { id: reference.id, title: reference.title, reference: reference.value, unit: reference.unit };
  if (!best) {
    // Named differently (rows_5y for total-links): a figure of the same unit within 3× is the same estimate.
    const near = lines
      .filter((line) => line.value !== undefined && line.value > 0 && unitFits(reference, line))
      .map((line) => ({ line, ratio: Math.max(line.value! / reference.value, reference.value / line.value!) }))
      .filter((candidate) => candidate.ratio <= 3)
      .sort((a, b) => a.ratio - b.ratio)[0];
    if (near) return { ...base, verdict: 'ok', line: near.line.line, name: near.line.name, value: near.line.value };
    return { ...base, verdict: 'missing' };
  }
  const value = best.line.value!;
  const ratio = value > 0 && reference.value > 0 ? Math.max(value / reference.value, reference.value / value) : Infinity;
  const verdict: EstimateVerdict = ratio <= 3 ? 'ok' : ratio <= 10 ? 'off' : 'far';
  return { ...base, verdict, line: best.line.line, name: best.line.name, value };
}

/** 1157.4 → "1.16K", 3e12 bytes → "3 TB". */
export function formatQuantity(value: number, bytes = false): string {
  const units = bytes ? ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] : ['', 'K', 'M', 'B', 'T'];
  let scaled = value;
  let index = 0;
  while (Math.abs(scaled) >= 1000 && index < units.length - 1) {
    scaled /= 1000;
    index++;
  }
  const text = Math.abs(scaled) >= 100 || Number.isInteger(scaled) ? String(Math.round(scaled)) : scaled.toPrecision(3).replace(/\.?0+$/, '');
  return bytes ? `${text} ${units[index]}` : `${text}${units[index]}`;
}
