/**
 * Read-only access to a catalogue folder. The core never touches the file system itself, so the
 * extension can back this with `vscode.workspace.fs`, the CLI with `node:fs`, and tests with a map.
 * Paths are POSIX-style and relative to the catalogue root.
 */
export interface CatalogSource {
  /** Every file below the root, recursively, as relative POSIX paths. */
  listFiles(): Promise<string[]>;
  readFile(relativePath: string): Promise<string>;
}

/** An in-memory source: used by unit tests and handy for previews of unsaved content. */
export function createMemoryCatalogSource(files: Record<string, string>): CatalogSource {
  return {
    listFiles: async () => Object.keys(files).sort(),
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) {
        throw new Error(`No such file: ${path}`);
      }
      return text;
    },
  };
}
