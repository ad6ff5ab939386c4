/**
 * Checks that a quote a model gives as evidence is really in the candidate's text. Models tidy up what
 * they quote (curly quotes, dropped Markdown, joined lines, "…" for a skipped part), so both sides
 * are normalised the same way first; anything still not found is treated as invented.
 */

export interface TextSource {
  id: 'answer' | 'diagram';
  text: string;
}

export type QuoteCheck =
  | { ok: true; source: TextSource['id']; /** 0-based line where the quote starts. */ line: number }
  | { ok: false; reason: 'notFound' | 'tooShort' };

interface Normalised {
  text: string;
  /** For each character of `text`, its offset in the original. */
  offsets: number[];
}

const DROPPED = /[*`"'“”‘’「」『』«»]/;
const SPACE = /\s/;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

function normalise(original: string): Normalised {
  let text = '';
  const offsets: number[] = [];
  let pendingSpace = false;
  for (let index = 0; index < original.length; index++) {
    const raw = original[index];
    // NFKC per character keeps the offset map simple: full-width forms become ASCII (，→ , Ｒ→ R).
    // ASCII needs only lower-casing, and is most of any answer.
    const char = raw.charCodeAt(0) < 128 ? raw.toLowerCase() : raw.normalize('NFKC').toLowerCase();
    if (DROPPED.test(char)) continue;
    if (SPACE.test(char)) {
      pendingSpace = text.length > 0;
      continue;
    }
    if (pendingSpace) {
      text += ' ';
      offsets.push(index);
      pendingSpace = false;
    }
    for (const part of char) {
      text += part;
      offsets.push(index);
    }
  }
  return { text, offsets };
}

/** Long enough to be evidence rather than a word that is in any answer: 12 characters, or 4 CJK characters. */
function substantial(part: string): boolean {
  const cjk = [...part].filter((char) => CJK.test(char)).length;
  return cjk >= 4 || part.replace(/\s/g, '').length >= 12;
}

export class QuoteVerifier {
  private readonly sources: { id: TextSource['id']; original: string; normalised: Normalised }[];

  constructor(sources: TextSource[]) {
    this.sources = sources.map((source) => ({ id: source.id, original: source.text, normalised: normalise(source.text) }));
  }

  check(quote: string): QuoteCheck {
    // "…" or "..." marks a skipped part: every piece must be there, in order.
    const parts = normalise(quote)
      .text.split(/\s*(?:…|\.\.\.)\s*/)
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    if (parts.length === 0 || !parts.some(substantial)) return { ok: false, reason: 'tooShort' };
    for (const source of this.sources) {
      let from = 0;
      let start = -1;
      for (const part of parts) {
        const at = source.normalised.text.indexOf(part, from);
        if (at < 0) {
          start = -1;
          break;
        }
        if (start < 0) start = at;
        from = at + part.length;
      }
      if (start >= 0) {
        const offset = source.normalised.offsets[start];
        const line = source.original.slice(0, offset).split('\n').length - 1;
        return { ok: true, source: source.id, line };
      }
    }
    return { ok: false, reason: 'notFound' };
  }
}
