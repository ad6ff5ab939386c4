/**
 * Prompt templates are data (prompts/*.md): YAML front matter listing the variables, a body with
 * `{{name}}` placeholders. A user folder can replace any of them; a template that names a variable
 * the feature does not provide is an error with the file's name, never a silent empty string.
 */
import * as z from 'zod/mini';
import { parseFrontMatter } from '../catalog/frontMatter';

/** Each prompt and the variables it may use. */
export const PROMPT_INPUTS = {
  system: ['language'],
  critic: ['language', 'title', 'kind', 'statement', 'rubric', 'rubricInstructions', 'answer', 'diagram'],
  'rubric-design': ['title'],
  'rubric-incident': ['title'],
  'rubric-topic': ['title'],
  'rubric-code-review': ['title'],
  repair: ['problems'],
  interviewer: ['language', 'title', 'statement', 'phase', 'minutesLeft', 'weakest', 'answer', 'diagram', 'transcript'],
} as const;

export type PromptName = keyof typeof PROMPT_INPUTS;
export const PROMPT_NAMES = Object.keys(PROMPT_INPUTS) as PromptName[];

export interface PromptTemplate {
  name: PromptName;
  body: string;
  /** Where it was read from, for error messages: "prompts/critic.md" or the user's file. */
  origin: string;
}

export class PromptTemplateError extends Error {
  constructor(
    readonly origin: string,
    readonly detail: string,
  ) {
    super(`${origin}: ${detail}`);
    this.name = 'PromptTemplateError';
  }
}

const frontMatterSchema = z.strictObject({ inputs: z.array(z.string()) });
const PLACEHOLDER = /\{\{\s*([A-Za-z][\w-]*)\s*\}\}/g;

export function parsePromptTemplate(name: PromptName, text: string, origin: string): PromptTemplate {
  const parsed = parseFrontMatter(text);
  if (parsed.errors.length) throw new PromptTemplateError(origin, `front matter line ${parsed.errors[0].line}: ${parsed.errors[0].message}`);
  const front = frontMatterSchema.safeParse(parsed.data);
  if (!front.success) throw new PromptTemplateError(origin, 'front matter must be `inputs: [name, …]`');
  const known: readonly string[] = PROMPT_INPUTS[name];
  const unknown = front.data.inputs.filter((input) => !known.includes(input));
  if (unknown.length) throw new PromptTemplateError(origin, `unknown input(s) ${unknown.join(', ')}; this prompt knows ${known.join(', ')}`);
  for (const match of parsed.body.matchAll(PLACEHOLDER)) {
    if (!front.data.inputs.includes(match[1])) throw new PromptTemplateError(origin, `{{${match[1]}}} is used but not listed in inputs`);
  }
  return { name, body: parsed.body.trim(), origin };
}

/** Fills the placeholders. Values are inserted once: a `{{…}}` inside the user's answer stays as written. */
export function fillTemplate(template: PromptTemplate, values: Partial<Record<string, string>>): string {
  return template.body.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new PromptTemplateError(template.origin, `no value for {{${name}}}`);
    return value;
  });
}

export type PromptSet = Record<PromptName, PromptTemplate>;

/**
 * Reads every template: the override folder's file when it has one, else the shipped one.
 * `read` returns undefined for a missing file.
 */
export async function loadPromptSet(
  readShipped: (file: string) => Promise<string | undefined>,
  readOverride?: { read: (file: string) => Promise<string | undefined>; describe: (file: string) => string },
): Promise<PromptSet> {
  const entries = await Promise.all(
    PROMPT_NAMES.map(async (name) => {
      const file = `${name}.md`;
      const override = readOverride && (await readOverride.read(file));
      if (override !== undefined) return [name, parsePromptTemplate(name, override, readOverride!.describe(file))] as const;
      const shipped = await readShipped(file);
      if (shipped === undefined) throw new PromptTemplateError(`prompts/${file}`, 'missing from the extension');
      return [name, parsePromptTemplate(name, shipped, `prompts/${file}`)] as const;
    }),
  );
  return Object.fromEntries(entries) as PromptSet;
}
