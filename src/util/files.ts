import * as vscode from 'vscode';

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeAtomically(uri: vscode.Uri, text: string): Promise<void> {
  const temporary = uri.with({ path: `${uri.path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.tmp` });
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
  await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
}

/** What the user sees: unsaved edits of an open document, else the file on disk; undefined when missing. */
export async function readCurrent(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Writes `text` to `uri` only if nothing is there yet; returns whether it wrote. Never overwrites the user's work. */
export async function createIfAbsent(uri: vscode.Uri, text: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return false;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return true;
}

export function isNotFound(error: unknown): boolean {
  // Hosts disagree on the code's spelling ("FileNotFound" vs "EntryNotFound").
  return error instanceof vscode.FileSystemError && /NotFound$/.test(error.code);
}
