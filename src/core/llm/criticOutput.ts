/**
 * What the LLM critic must answer, as one schema used twice: sent to the endpoint as a JSON schema
 * (structured output) and used to validate whatever comes back, structured or not.
 */
import * as z from 'zod/mini';
import type { CatalogEntry } from '../catalog/catalogLoader';

export const LEVELS = ['mid', 'senior', 'staff'] as const;

/** The critic's answer for one entry: its criterion ids are the only ones allowed. */
export function criticOutputSchema(entry: Pick<CatalogEntry, 'rubric'>) {
  const ids = entry.rubric.map((criterion) => criterion.id) as [string, ...string[]];
  return z.strictObject({
    criteria: z.array(
      z.strictObject({
        id: z.enum(ids),
        score: z.number().check(z.int(), z.minimum(0)),
        evidence: z.array(z.strictObject({ quote: z.string() })).check(z.maxLength(4)),
        missing: z.array(z.string()).check(z.maxLength(5)),
      }),
    ),
    level: z.enum(LEVELS),
    followUps: z.array(z.string()).check(z.minLength(2), z.maxLength(3)),
    topFixes: z.array(z.string()).check(z.minLength(2), z.maxLength(2)),
  });
}

export type CriticOutput = z.infer<ReturnType<typeof criticOutputSchema>>;

/** The schema as JSON schema for `response_format`, without the `$schema` key some endpoints refuse. */
export function criticJsonSchema(entry: Pick<CatalogEntry, 'rubric'>): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(criticOutputSchema(entry)) as Record<string, unknown>;
  return schema;
}

/**
 * The JSON object in a model's reply: the whole reply, a ```json fence, or the first balanced
 * `{…}` in prose ("Here is my review: {…} Hope it helps").
 */
export function extractJson(reply: string): unknown {
  const text = reply.trim();
  const candidates: string[] = [text];
  const fence = /```(?:json|JSON)?\s*\n([\s\S]*?)```/.exec(text);
  if (fence) candidates.push(fence[1]);
  const balanced = firstBalancedObject(text);
  if (balanced) candidates.push(balanced);
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next reading
    }
  }
  throw new SyntaxError('no JSON object found in the reply');
}

function firstBalancedObject(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return text.slice(start, index + 1);
  }
  return undefined;
}

export type ParsedCritic = { ok: true; output: CriticOutput } | { ok: false; problems: string[] };

/**
 * Parses and validates a reply: JSON, the schema, then what a schema cannot say (every criterion
 * scored exactly once, scores within each criterion's maximum). `problems` are written for the model,
 * to be sent back in the one repair request.
 */
export function parseCriticReply(reply: string, entry: Pick<CatalogEntry, 'rubric'>): ParsedCritic {
  let json: unknown;
  try {
    json = extractJson(reply);
  } catch {
    return { ok: false, problems: ['The reply is not valid JSON. Reply with one JSON object only.'] };
  }
  const result = criticOutputSchema(entry).safeParse(json);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.slice(0, 8).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  }
  const problems: string[] = [];
  for (const criterion of entry.rubric) {
    const scored = result.data.criteria.filter((item) => item.id === criterion.id);
    if (scored.length !== 1) problems.push(`criteria: "${criterion.id}" must appear exactly once (found ${scored.length})`);
    else if (scored[0].score > criterion.weight) problems.push(`criteria.${criterion.id}.score: at most ${criterion.weight} (got ${scored[0].score})`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, output: result.data };
}
