// zod/mini keeps the schema library to ~20 KB in the host bundle (full zod is ~450 KB).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const nonEmptyText = z.string().check(z.trim(), z.minLength(1));
const localizedText = z.object({ en: nonEmptyText, 'zh-CN': nonEmptyText });

export const ENTRY_KINDS = ['design', 'incident', 'topic', 'code-review'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** Front matter of `catalog/<category>/<slug>.md`. */
export const entryFrontMatterSchema = z.strictObject({
  id: z.string().check(z.regex(kebabCase, 'must be kebab-case (a-z, 0-9, -)')),
  kind: z.enum(ENTRY_KINDS),
  category: nonEmptyText,
  difficulty: z.enum(DIFFICULTIES),
  minutes: z.number().check(z.int(), z.positive(), z.maximum(240)),
  title: localizedText,
  summary: localizedText,
  tags: z._default(z.array(z.string().check(z.regex(kebabCase, 'must be kebab-case'))), []),
});

/** `catalog/categories.yaml`: the tree's groups, in display order. */
export const categoriesSchema = z
  .array(
    z.strictObject({
      id: z.string().check(z.regex(kebabCase, 'must be kebab-case')),
      icon: nonEmptyText,
      label: localizedText,
    }),
  )
  .check(z.minLength(1));

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

/** One line per issue, e.g. `title.zh-CN: Too small: expected string to have >=1 characters`. */
export function describeSchemaError(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
