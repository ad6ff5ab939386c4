import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fromSnapshot } from './core/catalog/catalogSnapshot';
import { loadCatalog } from './core/catalog/catalogLoader';
import { nodeCatalogSource } from './nodeCatalogSource';

const USAGE = `Usage: sdcoach <command> [options]

Commands:
  catalog [--json] [--catalog <dir>]   List the catalogue entries (and any invalid files).

Options:
  --catalog <dir>   Catalogue folder (default: the catalogue shipped with the extension)
  --json            Machine-readable output
  -h, --help        Show this help
`;

async function catalogCommand(args: string[]): Promise<number> {
  const index = args.indexOf('--catalog');
  // dist/cli.js reads the snapshot the build wrote beside it; from the sources (npm run
  // check:catalog) or with --catalog, the folder itself is parsed and validated.
  const root = index >= 0 && args[index + 1] ? resolve(args[index + 1]) : resolve(__dirname, '..', 'catalog');
  const snapshot = index < 0 ? await readFile(resolve(__dirname, 'catalog.json'), 'utf8').then(fromSnapshot, () => undefined) : undefined;
  const catalog = snapshot ?? (await loadCatalog(nodeCatalogSource(root)));
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
  if (command === 'catalog') return catalogCommand(args);
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
