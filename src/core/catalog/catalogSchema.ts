// zod/mini keeps the schema library to ~20 KB in the host bundle (full zod is ~450 KB).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { COMPONENT_KINDS, parseDiagramSignal } from '../componentKinds';

z.config(en());

const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebab = (what = 'must be kebab-case (a-z, 0-9, -)') => z.string().check(z.regex(kebabCase, what));
const nonEmptyText = z.string().check(z.trim(), z.minLength(1));
const localizedText = z.strictObject({ en: nonEmptyText, 'zh-CN': nonEmptyText });
const localizedList = (min: number) => z.array(localizedText).check(z.minLength(min));

export const ENTRY_KINDS = ['design', 'incident', 'topic', 'code-review'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const EVIDENCE_KINDS = ['alert', 'metric', 'log', 'command', 'config'] as const;
export const ESTIMATE_UNITS = ['per-second', 'bytes', 'bytes-per-second', 'count'] as const;

/** One concept, with the phrases that express it in each language (synonyms count alike). */
const conceptSignal = z.strictObject({
  en: z.array(nonEmptyText).check(z.minLength(1)),
  'zh-CN': z.array(nonEmptyText).check(z.minLength(1)),
});

const diagramSignal = z.string().check(
  z.refine((text) => parseDiagramSignal(text) !== undefined, {
    message: `must be a component kind or "kind -> kind"; kinds: ${COMPONENT_KINDS.join(', ')}`,
  }),
);

const rubricCriterion = z.strictObject({
  id: kebab(),
  weight: z.number().check(z.int(), z.positive(), z.maximum(100)),
  title: localizedText,
  /** What a strong answer shows for this criterion. */
  strong: localizedText,
  signals: z.strictObject({
    concepts: z.array(conceptSignal).check(z.minLength(2)),
    diagram: z._default(z.array(diagramSignal), []),
  }),
});

const rubric = z.array(rubricCriterion).check(
  z.minLength(5),
  z.maxLength(8),
  z.refine((criteria) => criteria.reduce((sum, c) => sum + c.weight, 0) === 100, {
    message: 'weights must sum to 100',
  }),
  z.refine((criteria) => new Set(criteria.map((c) => c.id)).size === criteria.length, {
    message: 'criterion ids must be unique',
  }),
);

const metricEvidence = z
  .strictObject({
    kind: z.literal('metric'),
    title: localizedText,
    unit: nonEmptyText,
    /** Labels of the x axis, usually wall-clock times. */
    x: z.array(nonEmptyText).check(z.minLength(3)),
    series: z
      .array(
        z.strictObject({
          name: nonEmptyText,
          values: z.array(z.number()),
          /** When it differs from the chart's unit: series of different units are drawn as separate charts. */
          unit: z.optional(nonEmptyText),
        }),
      )
      .check(z.minLength(1)),
    note: z.optional(localizedText),
  })
  .check(
    z.refine((m) => m.series.every((s) => s.values.length === m.x.length), {
      message: 'every series needs one value per x label',
    }),
  );

const textEvidence = z.strictObject({
  kind: z.enum(['alert', 'log', 'command', 'config']),
  title: localizedText,
  /** The artefact itself (alert text, log lines, command and its output, config), language-neutral. */
  text: nonEmptyText,
  note: z.optional(localizedText),
});

/** Incidents: the facts a drill reveals one at a time, and the answer key. */
const incidentDetails = z.strictObject({
  symptoms: localizedList(2),
  /** Ordered from trigger to outage. */
  rootCause: localizedList(2),
  mitigation: localizedList(2),
  fix: localizedList(1),
  prevention: localizedList(2),
  /** In the order a drill reveals them: the alert first. */
  evidence: z.array(z.union([metricEvidence, textEvidence])).check(
    z.minLength(3),
    z.refine((items) => items[0]?.kind === 'alert', { message: 'the first evidence item must be the alert' }),
  ),
});

/** Defect categories of code-review drills (what a reviewer's mark names). */
export const DEFECT_CATEGORIES = [
  'context-misuse',
  'race',
  'non-atomic-update',
  'missing-timeout',
  'retry-without-jitter',
  'resource-leak',
  'error-handling',
  'idempotency',
  'lock-contention',
  'delivery-semantics',
  'unbounded-growth',
] as const;

const knownDefect = z.strictObject({
  id: kebab(),
  category: z.enum(DEFECT_CATEGORIES),
  /** 1-based inclusive line range in `code`. */
  lines: z.tuple([z.number().check(z.int(), z.positive()), z.number().check(z.int(), z.positive())]),
  /** Text that must appear on one of those lines, so a shifted range is caught by the checker. */
  anchor: nonEmptyText,
  title: localizedText,
  /** Why it is wrong and what happens in production. */
  explanation: localizedText,
});

const lineCount = (text: string) => text.replace(/\n$/, '').split('\n').length;

/** Code-review drills: one Go file, its known defects, and the corrected file. */
const codeReviewDetails = z
  .strictObject({
    /** The file name shown in the editor, e.g. `order_repo.go`. */
    file: z.string().check(z.regex(/^[a-z0-9_]+\.go$/, 'must be a Go file name (snake_case.go)')),
    code: nonEmptyText,
    corrected: nonEmptyText,
    defects: z.array(knownDefect).check(
      z.minLength(2),
      z.refine((defects) => new Set(defects.map((d) => d.id)).size === defects.length, {
        message: 'defect ids must be unique',
      }),
    ),
  })
  .check(
    z.refine(
      (review) =>
        review.defects.every(
          (d) => d.lines[0] <= d.lines[1] && d.lines[1] <= lineCount(review.code),
        ),
      { message: 'every defect needs lines [start, end] with start <= end inside the code', path: ['defects'] },
    ),
    z.refine(
      (review) => {
        const lines = review.code.split('\n');
        return review.defects.every((d) => lines.slice(d.lines[0] - 1, d.lines[1]).some((line) => line.includes(d.anchor)));
      },
      { message: "every defect's anchor must appear within its lines", path: ['defects'] },
    ),
  );

/** A back-of-the-envelope figure the estimate checker compares answers against. */
const referenceEstimate = z.strictObject({
  id: kebab(),
  title: localizedText,
  value: z.number().check(z.positive()),
  unit: z.enum(ESTIMATE_UNITS),
});

/** Front matter of `catalog/<category>/<id>.md`. */
export const entryFrontMatterSchema = z
  .strictObject({
    id: kebab(),
    kind: z.enum(ENTRY_KINDS),
    category: nonEmptyText,
    difficulty: z.enum(DIFFICULTIES),
    minutes: z.number().check(z.int(), z.minimum(5), z.maximum(240)),
    title: localizedText,
    summary: localizedText,
    tags: z.array(kebab()).check(z.minLength(1)),
    /** Revealed one at a time, from a nudge to a near-answer. */
    hints: localizedList(3),
    /** Asked by the interviewer once the main design is on the table. */
    followUps: localizedList(4),
    requirementChange: localizedText,
    scaleStretch: localizedText,
    pitfalls: localizedList(2),
    /** A Mermaid flowchart naming concrete components. */
    referenceDiagram: z.string().check(
      z.trim(),
      z.regex(/^(flowchart|graph)\s+(TB|TD|BT|LR|RL)\b/, 'must be a Mermaid flowchart ("flowchart LR" …)'),
      z.refine((text) => countFlowchartNodes(text) >= 6, { message: 'needs at least 6 nodes' }),
    ),
    rubric,
    estimates: z.optional(z.array(referenceEstimate).check(z.minLength(1))),
    incident: z.optional(incidentDetails),
    codeReview: z.optional(codeReviewDetails),
  })
  .check(
    z.refine((entry) => (entry.kind === 'incident') === (entry.incident !== undefined), {
      message: 'incident entries need an "incident" block, and only they may have one',
      path: ['incident'],
    }),
    z.refine((entry) => (entry.kind === 'code-review') === (entry.codeReview !== undefined), {
      message: 'code-review entries need a "codeReview" block, and only they may have one',
      path: ['codeReview'],
    }),
    z.refine((entry) => entry.kind !== 'design' || (entry.estimates?.length ?? 0) >= 2, {
      message: 'design entries need at least 2 reference estimates',
      path: ['estimates'],
    }),
  );

/** `catalog/categories.yaml`: the tree's groups, in display order. */
export const categoriesSchema = z
  .array(
    z.strictObject({
      id: kebab(),
      icon: nonEmptyText,
      label: localizedText,
    }),
  )
  .check(z.minLength(1));

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];
export type RubricCriterion = z.infer<typeof rubricCriterion>;
export type IncidentDetails = z.infer<typeof incidentDetails>;
export type Evidence = IncidentDetails['evidence'][number];
export type CodeReviewDetails = z.infer<typeof codeReviewDetails>;
export type KnownDefectData = z.infer<typeof knownDefect>;
export type DefectCategory = (typeof DEFECT_CATEGORIES)[number];
export type ReferenceEstimate = z.infer<typeof referenceEstimate>;

/**
 * Distinct node ids defined or referenced in a flowchart: enough to tell a sketch from a diagram.
 * The critic's full parser (nodes, edges, subgraphs) lives with the diagram code.
 */
export function countFlowchartNodes(text: string): number {
  const ids = new Set<string>();
  for (const raw of text.split('\n').slice(1)) {
    const line = raw.replace(/%%.*$/, '').trim();
    if (!line || /^(subgraph|end|classDef|class|style|linkStyle|click|direction)\b/.test(line)) continue;
    // Strip quoted strings first (they may hold brackets), then shapes and edge labels, so words
    // inside labels are not taken for ids.
    const bare = line
      .replace(/"[^"]*"/g, ' ')
      .replace(/:::[\w-]+/g, ' ')
      .replace(/\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|\|[^|]*\|/g, ' ')
      .replace(/[\])}]+/g, ' ');
    // An id is a word, possibly with single dashes inside (`order-db`), never an arrow's dashes.
    for (const match of bare.matchAll(/[A-Za-z_]\w*(?:-\w+)*/g)) {
      if (!/^(o|x|end)$/.test(match[0])) ids.add(match[0]);
    }
  }
  return ids.size;
}

/** One line per issue, e.g. `title.zh-CN: Too small: expected string to have >=1 characters`. */
export function describeSchemaError(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}
