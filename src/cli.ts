import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fromSnapshot } from './core/catalog/catalogSnapshot';
import { loadCatalog, type Catalog, type CatalogEntry } from './core/catalog/catalogLoader';
import { lintDiagram } from './core/critic/designLinter';
import { buildDiagramGraph, graphsInMarkdown } from './core/critic/diagramGraph';
import { lintContextOf, reviewAnswer, reviewMarkdown, type Review } from './core/critic/review';
import { isLlmError } from './core/llm/chat';
import type { CriticInput, LlmReview } from './core/llm/llmCritic';
import { loadPromptSet } from './core/llm/promptTemplates';
import { contentLanguageFor, type ContentLanguage } from './core/localized';
import { nodeCatalogSource } from './nodeCatalogSource';

const USAGE = `Usage: sdcoach <command> [options]

Commands:
  catalog [--json] [--catalog <dir>]   List the catalogue entries (and any invalid files).
  lint <file.mmd|answer.md> [--problem <id>] [--json]
                                       Design findings for a diagram, or for the mermaid blocks of an answer.
  review --problem <id> --answer <answer.md> [--diagram <file.mmd>] [--json] [--lang en|zh-CN]
         [--llm --base-url <url> --model <name> [--timeout <seconds>] [--prompts <dir>]]
                                       Score an answer against the problem's rubric, offline; with --llm,
                                       also by a model at an OpenAI-compatible endpoint. The API key is
                                       read from SDCOACH_API_KEY (or OPENAI_API_KEY), never from an option.

Options:
  --catalog <dir>   Catalogue folder (default: the catalogue shipped with the extension)
  --json            Machine-readable output
  -h, --help        Show this help

Exit codes: 0 done, 1 catalogue problems, 2 usage error, 3 the LLM review failed (the offline review
is still printed).
`;

/** The value after `--name`, if given. */
function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

class UsageError extends Error {}

async function readCatalog(args: string[]): Promise<Catalog> {
  const folder = option(args, '--catalog');
  // dist/cli.js reads the snapshot the build wrote beside it; from the sources (npm run
  // check:catalog) or with --catalog, the folder itself is parsed and validated.
  const root = folder ? resolve(folder) : resolve(__dirname, '..', 'catalog');
  const snapshot = folder ? undefined : await readFile(resolve(__dirname, 'catalog.json'), 'utf8').then(fromSnapshot, () => undefined);
  return snapshot ?? (await loadCatalog(nodeCatalogSource(root)));
}

async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(path), 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function findEntry(args: string[], id: string | undefined): Promise<CatalogEntry | undefined> {
  if (!id) return undefined;
  const catalog = await readCatalog(args);
  const entry = catalog.entries.find((candidate) => candidate.id === id);
  if (!entry) throw new UsageError(`Unknown problem id "${id}". Run "sdcoach catalog" to list them.`);
  return entry;
}

async function lintCommand(args: string[]): Promise<number> {
  const file = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
  if (!file) throw new UsageError('lint needs a file: sdcoach lint <file.mmd|answer.md>');
  const text = await readInput(file, 'file');
  const entry = await findEntry(args, option(args, '--problem'));
  const context = entry ? lintContextOf(entry) : {};
  const graphs = /\.(md|markdown)$/i.test(file) ? graphsInMarkdown(text) : [buildDiagramGraph(text)];
  const findings = graphs.flatMap((graph) => lintDiagram(graph, context));
  const language = cliLanguage(args);
  if (args.includes('--json')) {
    const out = findings.map((finding) => ({ rule: finding.rule, severity: finding.severity, message: finding.message[language], line: finding.line + 1, nodes: finding.nodes }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    for (const finding of findings) process.stdout.write(`${file}:${finding.line + 1}: ${finding.severity}: ${finding.message[language]} [${finding.rule}]\n`);
    process.stdout.write(`${findings.length} finding(s)\n`);
  }
  return 0;
}

async function reviewCommand(args: string[]): Promise<number> {
  const id = option(args, '--problem');
  const answerPath = option(args, '--answer');
  if (!id || !answerPath) throw new UsageError('review needs --problem <id> and --answer <answer.md>');
  const entry = (await findEntry(args, id))!;
  const answer = await readInput(answerPath, 'answer');
  const diagramPath = option(args, '--diagram');
  const diagram = diagramPath ? await readInput(diagramPath, 'diagram') : undefined;
  const review = reviewAnswer({ entry, answer, diagram });
  const language = cliLanguage(args);
  const llmResult = args.includes('--llm') ? await llmReview(args, { entry, answer, diagram, language }, review) : undefined;
  const llm = llmResult && 'review' in llmResult ? llmResult.review : undefined;
  if (args.includes('--json')) {
    const oneBased = (line: number | undefined) => (line === undefined ? undefined : line + 1);
    process.stdout.write(
      JSON.stringify(
        {
          problemId: review.problemId,
          total: review.total,
          level: review.level,
          criteria: review.criteria.map((criterion) => ({
            id: criterion.id,
            title: criterion.title[language],
            score: criterion.score,
            max: criterion.max,
            evidence: criterion.evidence.map((item) => ({ ...item, line: oneBased(item.line) })),
            missing: criterion.missing.map((item) => item[language]),
          })),
          findings: review.findings.map((finding) => ({ ...finding, message: finding.message[language], line: finding.line + 1 })),
          estimates: {
            lines: review.estimates.lines.map((line) => ({ ...line, line: line.line + 1, error: line.error?.[language] })),
            comparisons: review.estimates.comparisons.map((comparison) => ({ ...comparison, title: comparison.title[language], line: oneBased(comparison.line) })),
          },
          truncated: review.truncated,
          ...(llm ? { llm: llmJson(llm) } : llmResult && 'error' in llmResult ? { llm: { error: llmResult.error } } : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    process.stdout.write(reviewMarkdown(review, entry, language, { llm }));
  }
  if (llmResult && 'error' in llmResult) {
    process.stderr.write(`LLM review failed: ${llmResult.error.message}\nThe offline review above stands.\n`);
    return 3;
  }
  return 0;
}

/** The LLM critic for `review --llm`; failures come back as a value so the offline review still prints. */
async function llmReview(
  args: string[],
  input: CriticInput,
  offline: Review,
): Promise<{ review: LlmReview } | { error: { kind: string; status?: number; message: string } }> {
  const baseUrl = option(args, '--base-url') ?? process.env.SDCOACH_BASE_URL;
  const model = option(args, '--model') ?? process.env.SDCOACH_MODEL;
  if (!baseUrl || !model) throw new UsageError('--llm needs --base-url <url> and --model <name> (or SDCOACH_BASE_URL and SDCOACH_MODEL)');
  const timeout = Number(option(args, '--timeout') ?? 60);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError('--timeout must be a number of seconds');
  const promptsDir = option(args, '--prompts');
  const read = (dir: string) => (file: string) => readFile(resolve(dir, file), 'utf8').catch(() => undefined);
  const prompts = await loadPromptSet(
    read(resolve(__dirname, '..', 'prompts')),
    promptsDir ? { read: read(promptsDir), describe: (file) => resolve(promptsDir, file) } : undefined,
  );
  // Loaded only for --llm (a separate bundle beside dist/cli.js).
  const { OpenAiChatProvider, runLlmCritic } = await import('./llm/llmRuntime');
  const provider = new OpenAiChatProvider({
    baseUrl,
    model,
    apiKey: process.env.SDCOACH_API_KEY || process.env.OPENAI_API_KEY || undefined,
    timeoutMs: timeout * 1000,
    onRetry: (error, waitMs) => process.stderr.write(`LLM: ${error.kind}${error.details.status ? ` ${error.details.status}` : ''}, retrying in ${Math.ceil(waitMs / 1000)} s\n`),
  });
  try {
    return { review: await runLlmCritic(provider, prompts, input, offline) };
  } catch (error) {
    if (!isLlmError(error)) throw error;
    return { error: { kind: error.kind, status: error.details.status, message: error.message } };
  }
}

function llmJson(llm: LlmReview) {
  const oneBased = <T extends { line: number }>(item: T) => ({ ...item, line: item.line + 1 });
  return {
    model: llm.model,
    destination: llm.destination,
    total: llm.total,
    level: llm.level,
    criteria: llm.criteria.map((criterion) => ({
      id: criterion.id,
      score: criterion.score,
      max: criterion.max,
      offlineScore: criterion.offlineScore,
      agreement: criterion.agreement,
      evidence: criterion.evidence.map(oneBased),
      missing: criterion.missing,
    })),
    followUps: llm.followUps,
    topFixes: llm.topFixes,
    droppedQuotes: llm.droppedQuotes,
    repaired: llm.repaired,
    structured: llm.structured,
  };
}

function cliLanguage(args: string[]): ContentLanguage {
  const value = option(args, '--lang');
  if (value && value !== 'en' && value !== 'zh-CN') throw new UsageError(`--lang must be en or zh-CN, not "${value}"`);
  return value === 'en' || value === 'zh-CN' ? value : contentLanguageFor(process.env.LANG);
}

async function catalogCommand(args: string[]): Promise<number> {
  const catalog = await readCatalog(args);
  const entries = catalog.entries.map((entry) => ({
    id: entry.id,
    kind: entry.kind,
    category: entry.category,
    difficulty: entry.difficulty,
    tags: entry.tags,
    minutes: entry.minutes,
    title: entry.title,
  }));
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ entries, problems: catalog.problems }, null, 2) + '\n');
  } else {
    for (const entry of entries) {
      process.stdout.write(`${entry.id.padEnd(28)} ${entry.kind.padEnd(9)} ${entry.category.padEnd(12)} ${entry.difficulty.padEnd(7)} ${entry.title.en} / ${entry.title['zh-CN']}\n`);
    }
    process.stdout.write(`${entries.length} entries\n`);
  }
  for (const problem of catalog.problems) {
    process.stderr.write(`${problem.path}${problem.line ? `:${problem.line}` : ''}: ${problem.code}: ${problem.detail}\n`);
  }
  return catalog.problems.length ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  try {
    if (command === 'catalog') return await catalogCommand(args);
    if (command === 'lint') return await lintCommand(args);
    if (command === 'review') return await reviewCommand(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
