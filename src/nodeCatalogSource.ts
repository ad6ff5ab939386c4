import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { CatalogSource } from './core/catalog/catalogSource';

/** A catalogue folder on the local disk, for the CLI and tests (the extension uses vscode.workspace.fs). */
export function nodeCatalogSource(root: string): CatalogSource {
  return {
    async listFiles() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .sort();
    },
    readFile: (path) => readFile(join(root, ...path.split('/')), 'utf8'),
  };
}
