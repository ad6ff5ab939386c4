import * as vscode from 'vscode';
import type { CatalogSource } from '../core/catalog/catalogSource';

/** A catalogue folder read through `vscode.workspace.fs`, so it also works in remote and web hosts. */
export function createVscodeCatalogSource(root: vscode.Uri): CatalogSource {
  const decoder = new TextDecoder('utf-8');
  async function walk(folder: vscode.Uri, prefix: string, into: string[]): Promise<void> {
    for (const [name, type] of await vscode.workspace.fs.readDirectory(folder)) {
      const relative = prefix ? `${prefix}/${name}` : name;
      if (type & vscode.FileType.Directory) {
        await walk(vscode.Uri.joinPath(folder, name), relative, into);
      } else if (type & vscode.FileType.File) {
        into.push(relative);
      }
    }
  }
  return {
    async listFiles() {
      const files: string[] = [];
      await walk(root, '', files);
      return files.sort();
    },
    async readFile(relativePath) {
      return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, ...relativePath.split('/'))));
    },
  };
}
