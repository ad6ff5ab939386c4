import { parse as parseYaml } from 'yaml';
import { CONTENT_LANGUAGES, type Localized } from '../localized';
import type { CatalogSource } from './catalogSource';
import { parseFrontMatter } from './frontMatter';
import {
  categoriesSchema,
  describeSchemaError,
  DIFFICULTIES,
  entryFrontMatterSchema,
  type EntryFrontMatter,
} from './catalogSchema';

export interface CatalogCategory {
  id: string;
  /** A codicon name, e.g. `database`. */
  icon: string;
  label: Localized;
}

/** Where an entry or problem comes from: the built-in catalogue, or a user pack (its root, as the adapter named it). */
export type CatalogOrigin = 'builtin' | { pack: string };

export interface CatalogEntry extends EntryFrontMatter {
  /** What the candidate reads: the Markdown before the reference marker, in each language. */
  statement: Localized;
  /** The reference answer outline, revealed only on request. */
  reference: Localized;
  /** Path of the English file, relative to its catalogue root. */
  path: string;
  origin: CatalogOrigin;
}

export type CatalogProblemCode =
  | 'unreadable'
  | 'yaml'
  | 'schema'
  | 'missing-front-matter'
  | 'missing-translation'
  | 'empty-body'
  | 'missing-reference'
  | 'unknown-category'
  | 'category-folder'
  | 'file-name'
  | 'duplicate-id'
  | 'builtin-id'
  | 'orphan-translation'
  | 'misplaced-file';

/** Something wrong with one file. The entry it concerns is left out; the rest still loads. */
export interface CatalogProblem {
  path: string;
  origin: CatalogOrigin;
  line?: number;
  code: CatalogProblemCode;
  detail: string;
}

export interface Catalog {
  categories: CatalogCategory[];
  /** Valid entries, in category order, then by difficulty, then by id. */
  entries: CatalogEntry[];
  problems: CatalogProblem[];
}

export const CATEGORIES_FILE = 'categories.yaml';
/** Separates the statement from the reference answer in each language's body. */
export const REFERENCE_MARKER = '<!-- reference -->';
const TRANSLATION_SUFFIX = '.zh-cn.md';

/**
 * Loads the built-in catalogue: `categories.yaml` plus `<category>/<id>.md` files, each with a
 * `<id>.zh-cn.md` translation beside it.
 */
export async function loadCatalog(source: CatalogSource): Promise<Catalog> {
  const problems: CatalogProblem[] = [];
  const files = await source.listFiles();
  const categories = await loadCategories(source, files, problems);
  const entries = await loadEntries(source, files, 'builtin', categories, problems);
  return { categories, entries: sortEntries(entries, categories), problems };
}

/**
 * Loads a user pack: any `**\/*.md` below its root (README files excepted), in the built-in
 * categories. Layout is free; ids must not collide with the built-in catalogue (see mergePacks).
 */
export async function loadPack(
  source: CatalogSource,
  pack: string,
  categories: CatalogCategory[],
): Promise<{ entries: CatalogEntry[]; problems: CatalogProblem[] }> {
  const problems: CatalogProblem[] = [];
  const files = await source.listFiles();
  const entries = await loadEntries(source, files, { pack }, categories, problems);
  return { entries, problems };
}

/** The built-in catalogue plus user packs. A pack entry never replaces a built-in one: it is reported instead. */
export function mergePacks(base: Catalog, packs: { entries: CatalogEntry[]; problems: CatalogProblem[] }[]): Catalog {
  const seen = new Map(base.entries.map((entry) => [entry.id, entry]));
  const entries = [...base.entries];
  const problems = [...base.problems];
  for (const pack of packs) {
    problems.push(...pack.problems);
    for (const entry of pack.entries) {
      const first = seen.get(entry.id);
      if (first) {
        problems.push({
          path: entry.path,
          origin: entry.origin,
          line: 2,
          code: first.origin === 'builtin' ? 'builtin-id' : 'duplicate-id',
          detail: first.origin === 'builtin' ? entry.id : `${entry.id} (${first.path})`,
        });
        continue;
      }
      seen.set(entry.id, entry);
      entries.push(entry);
    }
  }
  return { categories: base.categories, entries: sortEntries(entries, base.categories), problems };
}

function sortEntries(entries: CatalogEntry[], categories: CatalogCategory[]): CatalogEntry[] {
  const order = new Map(categories.map((c, i) => [c.id, i]));
  return entries.sort(
    (a, b) =>
      order.get(a.category)! - order.get(b.category)! ||
      DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty) ||
      a.id.localeCompare(b.id),
  );
}

async function loadEntries(
  source: CatalogSource,
  files: string[],
  origin: CatalogOrigin,
  categories: CatalogCategory[],
  problems: CatalogProblem[],
): Promise<CatalogEntry[]> {
  const builtin = origin === 'builtin';
  const categoryIds = new Set(categories.map((c) => c.id));
  const report = (problem: Omit<CatalogProblem, 'origin'>) => problems.push({ ...problem, origin });
  const isEntryFile = (path: string) =>
    path.endsWith('.md') &&
    !/(^|\/)readme(\.zh-cn)?\.md$/i.test(path) &&
    // The built-in root holds documentation (README, format guide), not entries.
    !(builtin && !path.includes('/'));

  // Read every Markdown file at once: each read may be a round trip to a remote host.
  const markdown = files.filter(isEntryFile);
  const texts = new Map(
    await Promise.all(markdown.map(async (path) => [path, await read(source, path, report)] as const)),
  );
  const entries: CatalogEntry[] = [];
  const seenIds = new Map<string, string>();

  for (const path of markdown) {
    const segments = path.split('/');
    if (path.endsWith(TRANSLATION_SUFFIX)) {
      const original = path.slice(0, -TRANSLATION_SUFFIX.length) + '.md';
      if (!texts.has(original)) report({ path, code: 'orphan-translation', detail: original });
      continue;
    }
    if (builtin && segments.length !== 2) {
      report({ path, code: 'misplaced-file', detail: '<category>/<id>.md' });
      continue;
    }
    const parsed = parseEntry(path, texts, origin, report);
    if (!parsed) continue;
    const { entry, line } = parsed;
    if (!categoryIds.has(entry.category)) {
      report({ path, line: line.category, code: 'unknown-category', detail: entry.category });
      continue;
    }
    if (builtin && segments[0] !== entry.category) {
      report({ path, line: line.category, code: 'category-folder', detail: `${entry.category} ≠ ${segments[0]}` });
      continue;
    }
    if (builtin && segments[1] !== `${entry.id}.md`) {
      report({ path, line: line.id, code: 'file-name', detail: `${entry.id}.md` });
      continue;
    }
    const firstPath = seenIds.get(entry.id);
    if (firstPath) {
      report({ path, line: line.id, code: 'duplicate-id', detail: `${entry.id} (${firstPath})` });
      continue;
    }
    seenIds.set(entry.id, path);
    entries.push(entry);
  }
  return entries;
}

async function read(
  source: CatalogSource,
  path: string,
  report: (problem: Omit<CatalogProblem, 'origin'>) => void,
): Promise<string | undefined> {
  try {
    return await source.readFile(path);
  } catch (error) {
    report({ path, code: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

async function loadCategories(
  source: CatalogSource,
  files: string[],
  problems: CatalogProblem[],
): Promise<CatalogCategory[]> {
  const report = (problem: Omit<CatalogProblem, 'origin'>) => problems.push({ ...problem, origin: 'builtin' });
  if (!files.includes(CATEGORIES_FILE)) {
    report({ path: CATEGORIES_FILE, code: 'unreadable', detail: 'missing' });
    return [];
  }
  const text = await read(source, CATEGORIES_FILE, report);
  if (text === undefined) return [];
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    report({ path: CATEGORIES_FILE, code: 'yaml', detail: (error as Error).message.split('\n')[0] });
    return [];
  }
  const parsed = categoriesSchema.safeParse(data);
  if (!parsed.success) {
    report({ path: CATEGORIES_FILE, code: 'schema', detail: describeSchemaError(parsed.error).join('; ') });
    return [];
  }
  return parsed.data;
}

// A file with dozens of schema errors is reported by its first few; fixing those usually fixes the rest.
const MAX_SCHEMA_PROBLEMS = 10;

/** Validates one entry from its English file and its translation (already read; undefined = unreadable). */
function parseEntry(
  path: string,
  texts: Map<string, string | undefined>,
  origin: CatalogOrigin,
  report: (problem: Omit<CatalogProblem, 'origin'>) => void,
): { entry: CatalogEntry; line: { id: number; category: number } } | undefined {
  const text = texts.get(path);
  if (text === undefined) return undefined;
  const frontMatter = parseFrontMatter(text);
  if (frontMatter.errors.length) {
    for (const e of frontMatter.errors) report({ path, line: e.line, code: 'yaml', detail: e.message });
    return undefined;
  }
  if (frontMatter.data === undefined) {
    report({ path, line: 1, code: 'missing-front-matter', detail: '---' });
    return undefined;
  }
  const parsed = entryFrontMatterSchema.safeParse(frontMatter.data);
  if (!parsed.success) {
    const lines = describeSchemaError(parsed.error);
    parsed.error.issues.slice(0, MAX_SCHEMA_PROBLEMS).forEach((issue, i) => {
      report({ path, line: frontMatter.lineOf(issue.path), code: 'schema', detail: lines[i] });
    });
    return undefined;
  }

  const translationPath = path.slice(0, -'.md'.length) + TRANSLATION_SUFFIX;
  if (!texts.has(translationPath)) {
    report({ path, line: 1, code: 'missing-translation', detail: translationPath });
    return undefined;
  }
  const translation = texts.get(translationPath);
  if (translation === undefined) return undefined;

  const bodies: Localized = { en: frontMatter.body, 'zh-CN': parseFrontMatter(translation).body };
  const statement = {} as Localized;
  const reference = {} as Localized;
  for (const language of CONTENT_LANGUAGES) {
    const file = language === 'en' ? path : translationPath;
    const [before, after, ...extra] = bodies[language].split(REFERENCE_MARKER);
    if (!before.trim()) {
      report({ path: file, line: 1, code: 'empty-body', detail: language });
      return undefined;
    }
    if (after === undefined || !after.trim() || extra.length) {
      report({ path: file, line: 1, code: 'missing-reference', detail: REFERENCE_MARKER });
      return undefined;
    }
    statement[language] = before.trim();
    reference[language] = after.trim();
  }
  return {
    entry: { ...parsed.data, statement, reference, path, origin },
    line: { id: frontMatter.lineOf(['id']), category: frontMatter.lineOf(['category']) },
  };
}
