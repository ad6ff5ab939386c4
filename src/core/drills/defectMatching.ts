/**
 * Code-review drills: the candidate marks line ranges of a Go file with a category and a short
 * explanation; submitting compares the marks with the entry's known defects. A mark finds a defect
 * when their line ranges overlap; each defect and each mark is used at most once, best overlap first.
 */

import type { DefectCategory } from '../catalog/catalogSchema';

export interface LineRange {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

export interface KnownDefect extends LineRange {
  id: string;
  category: DefectCategory;
}

export interface ReviewMark extends LineRange {
  category?: DefectCategory;
  note: string;
}

export interface DefectMatch {
  defect: KnownDefect;
  mark: ReviewMark;
  /** The mark named the defect's category (or named none). */
  categoryRight: boolean;
}

export interface ReviewResult {
  found: DefectMatch[];
  missed: KnownDefect[];
  falseAlarms: ReviewMark[];
  /** 0–100: found defects weigh fully (half when the category is wrong), each false alarm costs half a defect. */
  score: number;
}

const overlap = (a: LineRange, b: LineRange) => Math.max(0, Math.min(a.endLine, b.endLine) - Math.max(a.startLine, b.startLine) + 1);

export function matchDefects(defects: readonly KnownDefect[], marks: readonly ReviewMark[]): ReviewResult {
  const pairs: { defect: number; mark: number; lines: number }[] = [];
  defects.forEach((defect, d) =>
    marks.forEach((mark, m) => {
      const lines = overlap(defect, mark);
      if (lines > 0) pairs.push({ defect: d, mark: m, lines });
    }),
  );
  // Greedy by overlap, then by a matching category: the closest mark is the one that found the defect.
  pairs.sort((a, b) => {
    const sameA = marks[a.mark].category === defects[a.defect].category ? 1 : 0;
    const sameB = marks[b.mark].category === defects[b.defect].category ? 1 : 0;
    return sameB - sameA || b.lines - a.lines || a.defect - b.defect || a.mark - b.mark;
  });
  const usedDefects = new Set<number>();
  const usedMarks = new Set<number>();
  const found: DefectMatch[] = [];
  for (const pair of pairs) {
    if (usedDefects.has(pair.defect) || usedMarks.has(pair.mark)) continue;
    usedDefects.add(pair.defect);
    usedMarks.add(pair.mark);
    const defect = defects[pair.defect];
    const mark = marks[pair.mark];
    found.push({ defect, mark, categoryRight: mark.category === undefined || mark.category === defect.category });
  }
  found.sort((a, b) => a.defect.startLine - b.defect.startLine);
  const missed = defects.filter((_, index) => !usedDefects.has(index));
  const falseAlarms = marks.filter((_, index) => !usedMarks.has(index));
  const credit = found.reduce((sum, match) => sum + (match.categoryRight ? 1 : 0.5), 0) - falseAlarms.length * 0.5;
  const score = defects.length ? Math.round((Math.max(0, credit) / defects.length) * 100) : 0;
  return { found, missed, falseAlarms, score };
}
