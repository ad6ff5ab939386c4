import { parse as parseYaml } from 'yaml';
import type { ContentLanguage, Localized } from '../localized';
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

export interface CatalogEntry extends EntryFrontMatter {
  /** The statement in each language (Markdown, without front matter). */
  body: Localized;
  /** Path of the English file, relative to the catalogue root. */
  path: string;
}

export type CatalogProblemCode =
  | 'unreadable'
  | 'yaml'
  | 'schema'
  | 'missing-front-matter'
  | 'missing-translation'
  | 'empty-body'
  | 'unknown-category'
  | 'category-folder'
  | 'duplicate-id'
  | 'orphan-translation'
  | 'misplaced-file';

/** Something wrong with one file. The entry it concerns is left out; the rest still loads. */
export interface CatalogProblem {
  path: string;
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
const TRANSLATION_SUFFIX = '.zh-cn.md';

export async function loadCatalog(source: CatalogSource): Promise<Catalog> {
  const problems: CatalogProblem[] = [];
  const files = await source.listFiles();
  const categories = await loadCategories(source, files, problems);
  const categoryOrder = new Map(categories.map((c, i) => [c.id, i]));

  // Read every Markdown file at once: each read may be a round trip to a remote host.
  const markdown = files.filter((path) => path.endsWith('.md'));
  const texts = new Map(
    await Promise.all(markdown.map(async (path) => [path, await readOrReport(source, path, problems)] as const)),
  );
  const entries: CatalogEntry[] = [];
  const seenIds = new Map<string, string>();

  for (const path of markdown) {
    const segments = path.split('/');
    if (segments.length === 1) {
      continue; // README.md and friends at the root document the catalogue; they are not entries.
    }
    if (path.endsWith(TRANSLATION_SUFFIX)) {
      const original = path.slice(0, -TRANSLATION_SUFFIX.length) + '.md';
      if (!texts.has(original)) {
        problems.push({ path, code: 'orphan-translation', detail: original });
      }
      continue;
    }
    if (segments.length !== 2) {
      problems.push({ path, code: 'misplaced-file', detail: '<category>/<slug>.md' });
      continue;
    }
    const entry = parseEntry(path, texts, problems);
    if (!entry) {
      continue;
    }
    if (!categoryOrder.has(entry.category)) {
      problems.push({ path, code: 'unknown-category', detail: entry.category });
      continue;
    }
    if (segments[0] !== entry.category) {
      problems.push({ path, code: 'category-folder', detail: `${entry.category} ≠ ${segments[0]}` });
      continue;
    }
    const firstPath = seenIds.get(entry.id);
    if (firstPath) {
      problems.push({ path, code: 'duplicate-id', detail: `${entry.id} (${firstPath})` });
      continue;
    }
    seenIds.set(entry.id, path);
    entries.push(entry);
  }

  entries.sort(
    (a, b) =>
      categoryOrder.get(a.category)! - categoryOrder.get(b.category)! ||
      DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty) ||
      a.id.localeCompare(b.id),
  );
  return { categories, entries, problems };
}

async function readOrReport(
  source: CatalogSource,
  path: string,
  problems: CatalogProblem[],
): Promise<string | undefined> {
  try {
    return await source.readFile(path);
  } catch (error) {
    problems.push({ path, code: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

async function loadCategories(
  source: CatalogSource,
  files: string[],
  problems: CatalogProblem[],
): Promise<CatalogCategory[]> {
  if (!files.includes(CATEGORIES_FILE)) {
    problems.push({ path: CATEGORIES_FILE, code: 'unreadable', detail: 'missing' });
    return [];
  }
  const text = await readOrReport(source, CATEGORIES_FILE, problems);
  if (text === undefined) {
    return [];
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    problems.push({ path: CATEGORIES_FILE, code: 'yaml', detail: (error as Error).message.split('\n')[0] });
    return [];
  }
  const parsed = categoriesSchema.safeParse(data);
  if (!parsed.success) {
    problems.push({ path: CATEGORIES_FILE, code: 'schema', detail: describeSchemaError(parsed.error).join('; ') });
    return [];
  }
  return parsed.data;
}

/** Validates one entry from its English file and its translation (already read; undefined = unreadable). */
function parseEntry(
  path: string,
  texts: Map<string, string | undefined>,
  problems: CatalogProblem[],
): CatalogEntry | undefined {
  const text = texts.get(path);
  if (text === undefined) {
    return undefined;
  }
  const { data, body, errors } = parseFrontMatter(text);
  if (errors.length) {
    problems.push(...errors.map((e) => ({ path, line: e.line, code: 'yaml' as const, detail: e.message })));
    return undefined;
  }
  if (data === undefined) {
    problems.push({ path, line: 1, code: 'missing-front-matter', detail: '---' });
    return undefined;
  }
  const parsed = entryFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    problems.push({ path, code: 'schema', detail: describeSchemaError(parsed.error).join('; ') });
    return undefined;
  }

  const translationPath = path.slice(0, -'.md'.length) + TRANSLATION_SUFFIX;
  if (!texts.has(translationPath)) {
    problems.push({ path, code: 'missing-translation', detail: translationPath });
    return undefined;
  }
  const translation = texts.get(translationPath);
  if (translation === undefined) {
    return undefined;
  }
  const bodies: Localized = { en: body.trim(), 'zh-CN': parseFrontMatter(translation).body.trim() };
  for (const [language, text] of Object.entries(bodies) as [ContentLanguage, string][]) {
    if (!text) {
      problems.push({ path: language === 'en' ? path : translationPath, code: 'empty-body', detail: language });
      return undefined;
    }
  }
  return { ...parsed.data, body: bodies, path };
}
