import { CONTENT_LANGUAGES } from '../localized';
import type { CatalogEntry } from './catalogLoader';
import type { Difficulty, EntryKind } from './catalogSchema';
import type { StoredCard } from '../interview/spacedReview';

/** What the user has done with an entry; kept by the extension, per user. */
export interface EntryProgress {
  favorite?: boolean;
  /** How many hints the user has opened, in order. */
  hintsRevealed?: number;
  referenceRevealed?: boolean;
  /** Incident drills: evidence items revealed so far, the alert included (each one after it costs points). */
  cluesRevealed?: number;
  /** Code-review drills: the marks of the last submitted review, found / total defects. */
  codeReview?: { found: number; total: number; falseAlarms: number };
  /** ISO time of the first Start Practice. */
  startedAt?: string;
  /** Best review score, 0–100. */
  bestScore?: number;
  /** The FSRS card from finished mock interviews (see core/interview/spacedReview). */
  review?: StoredCard;
}

export const ENTRY_STATUSES = ['new', 'started', 'reviewed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export function entryStatus(progress: EntryProgress | undefined): EntryStatus {
  if (progress?.bestScore !== undefined) return 'reviewed';
  if (progress?.startedAt) return 'started';
  return 'new';
}

/** Empty lists mean "any". Within one facet any value matches; all facets must match. */
export interface CatalogFilter {
  kinds: EntryKind[];
  difficulties: Difficulty[];
  tags: string[];
  statuses: EntryStatus[];
}

export const EMPTY_FILTER: CatalogFilter = { kinds: [], difficulties: [], tags: [], statuses: [] };

export function isFilterActive(filter: CatalogFilter): boolean {
  return Object.values(filter).some((values: unknown[]) => values.length > 0);
}

export function matchesFilter(entry: CatalogEntry, filter: CatalogFilter, progress: EntryProgress | undefined): boolean {
  return (
    (!filter.kinds.length || filter.kinds.includes(entry.kind)) &&
    (!filter.difficulties.length || filter.difficulties.includes(entry.difficulty)) &&
    (!filter.tags.length || filter.tags.some((tag) => entry.tags.includes(tag))) &&
    (!filter.statuses.length || filter.statuses.includes(entryStatus(progress)))
  );
}

/** Every tag in the catalogue with how many entries carry it, most used first. */
export function tagCounts(entries: readonly CatalogEntry[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const entry of entries) for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

// Where a query word was found decides the rank: a title hit beats a tag, which beats the rest.
const TITLE = 100;
const TAG = 40;
const SUMMARY = 10;
const CONCEPT = 5;
const BODY = 1;

/**
 * Entries matching every word of `query`, best first. Words are matched as case-insensitive
 * substrings in both languages (Chinese needs no spaces): titles, tags, ids, summaries and the
 * rubric's concept phrases, so "缓存击穿", "singleflight" and "hot key" all find the same entry.
 * Statements and references count too, weakly; among equals, the entry that talks most about the
 * words comes first (an entry about penetration mentions breakdown once, to tell them apart).
 */
export function searchCatalog(entries: readonly CatalogEntry[], query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...entries];
  const scored: { entry: CatalogEntry; score: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const lowered = searchFields(entry);
    let score = 0;
    for (const word of words) {
      let best = 0;
      let mentions = 0;
      for (const [text, weight] of lowered) {
        const found = countOccurrences(text, word);
        if (found) best = Math.max(best, weight);
        mentions += found;
      }
      if (!best) return;
      // The bonus stays below 1, so it only orders entries that matched in equally strong places.
      score += best + mentions / (mentions + 10);
    }
    scored.push({ entry, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.entry);
}

// Lower-cased once per entry, not once per keystroke: the bodies are ~30 KB an entry.
const fieldCache = new WeakMap<CatalogEntry, (readonly [string, number])[]>();

function searchFields(entry: CatalogEntry): (readonly [string, number])[] {
  let fields = fieldCache.get(entry);
  if (!fields) {
    const concepts = entry.rubric.flatMap((c) => c.signals.concepts.flatMap((concept) => [...concept.en, ...concept['zh-CN']]));
    fields = (
      [
        ...CONTENT_LANGUAGES.map((l): [string, number] => [entry.title[l], TITLE]),
        // The id is the entry's name in short ("cache-breakdown-hot-key-expiry"): it ranks like a title.
        [entry.id.replace(/-/g, ' '), TITLE],
        [entry.tags.join(' ').replace(/-/g, ' '), TAG],
        [entry.tags.join(' '), TAG],
        ...CONTENT_LANGUAGES.map((l): [string, number] => [entry.summary[l], SUMMARY]),
        [concepts.join(' | '), CONCEPT],
        ...CONTENT_LANGUAGES.map((l): [string, number] => [`${entry.statement[l]}\n${entry.reference[l]}`, BODY]),
      ] as [string, number][]
    ).map(([text, weight]) => [text.toLowerCase(), weight] as const);
    fieldCache.set(entry, fields);
  }
  return fields;
}

function countOccurrences(text: string, word: string): number {
  let count = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) count++;
  return count;
}
