import * as vscode from 'vscode';
import {
  loadCatalog,
  loadPack,
  mergePacks,
  type Catalog,
  type CatalogEntry,
  type CatalogOrigin,
  type CatalogProblem,
} from '../core/catalog/catalogLoader';
import { fromSnapshot } from '../core/catalog/catalogSnapshot';
import { catalogPaths, onDidChangeCatalogPaths } from '../config';
import { Disposable } from '../util/disposable';
import { catalogProblemMessage, describeCatalogProblem } from './catalogProblemMessages';
import { createVscodeCatalogSource } from './vscodeCatalogSource';

/** Where workspace packs live in each workspace folder. */
export const WORKSPACE_PACK_FOLDER = '.sdcoach/catalog';

/**
 * The catalogue: the built-in entries plus user packs (`.sdcoach/catalog` in each workspace folder,
 * folders in `sdcoach.catalogPaths`). Loads on first use, reloads when packs change, and reports
 * invalid pack files as diagnostics so their authors can fix them where they are.
 */
export class CatalogService extends Disposable {
  private loading: Promise<Catalog> | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('sdcoach-catalog'));
  private watchers: vscode.Disposable[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private warnedBuiltinProblems = false;

  /**
   * @param builtinRoot the catalog/ folder shipped with the extension
   * @param snapshot dist/catalog.json, the same content parsed at build time; undefined to always
   *   parse catalog/ (while developing the content)
   */
  constructor(
    private readonly builtinRoot: vscode.Uri,
    private readonly snapshot: vscode.Uri | undefined,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(onDidChangeCatalogPaths(() => this.reload()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.reload()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
    this.register({ dispose: () => clearTimeout(this.reloadTimer) });
    this.register({ dispose: () => this.disposePackWatchers() });
  }

  get(): Promise<Catalog> {
    this.loading ??= this.load();
    return this.loading;
  }

  async getEntry(id: string): Promise<CatalogEntry | undefined> {
    return (await this.get()).entries.find((entry) => entry.id === id);
  }

  reload(): void {
    this.loading = undefined;
    this.changeEmitter.fire();
  }

  /** The file an entry or problem lives in. */
  uriOf(origin: CatalogOrigin, path: string): vscode.Uri {
    const root = origin === 'builtin' ? this.builtinRoot : vscode.Uri.parse(origin.pack);
    return vscode.Uri.joinPath(root, ...path.split('/'));
  }

  private async load(): Promise<Catalog> {
    const started = Date.now();
    const builtin = (await this.readSnapshot()) ?? (await loadCatalog(createVscodeCatalogSource(this.builtinRoot)));
    const roots = await this.packRoots();
    this.watchPacks(roots);
    const packs = await Promise.all(
      roots.map((root) => loadPack(createVscodeCatalogSource(root), root.toString(), builtin.categories)),
    );
    const catalog = mergePacks(builtin, packs);
    const packEntries = catalog.entries.length - builtin.entries.length;
    this.log.info(
      `Catalogue: ${builtin.entries.length} built-in entries, ${packEntries} from ${roots.length} pack folder(s), in ${Date.now() - started} ms`,
    );
    this.report(catalog.problems);
    return catalog;
  }

  private async readSnapshot(): Promise<Catalog | undefined> {
    if (!this.snapshot) return undefined;
    try {
      const catalog = fromSnapshot(new TextDecoder().decode(await vscode.workspace.fs.readFile(this.snapshot)));
      if (!catalog) this.log.warn(`${this.snapshot.toString(true)} is not a catalogue snapshot; reading catalog/ instead.`);
      return catalog;
    } catch (error) {
      this.log.warn(`No catalogue snapshot (${(error as Error).message}); reading catalog/ instead.`);
      return undefined;
    }
  }

  /** Pack folders that exist. Workspace packs only load in trusted workspaces. */
  private async packRoots(): Promise<vscode.Uri[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const workspacePacks = vscode.workspace.isTrusted
      ? folders.map((folder) => vscode.Uri.joinPath(folder.uri, ...WORKSPACE_PACK_FOLDER.split('/')))
      : [];
    if (!vscode.workspace.isTrusted && folders.length) {
      this.log.info('Workspace catalogue packs are not loaded: the workspace is not trusted.');
    }
    // Restricted setting: in an untrusted workspace VS Code only returns the user's own value.
    const configured: vscode.Uri[] = [];
    for (const path of catalogPaths()) {
      const uri = resolvePackPath(path, folders[0]);
      if (uri) configured.push(uri);
      else this.log.warn(`sdcoach.catalogPaths: cannot resolve "${path}" without a workspace folder.`);
    }
    const isDirectory = async (uri: vscode.Uri) => {
      try {
        return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
      } catch {
        return false;
      }
    };
    const candidates = [...workspacePacks, ...configured];
    const present = await Promise.all(candidates.map(isDirectory));
    configured.forEach((uri, i) => {
      if (!present[workspacePacks.length + i]) this.log.warn(`sdcoach.catalogPaths: ${uri.fsPath} is not a folder; skipped.`);
    });
    // In order, without repeats: which pack wins a duplicate id must not depend on timing.
    const roots = new Map<string, vscode.Uri>();
    candidates.forEach((uri, i) => present[i] && !roots.has(uri.toString()) && roots.set(uri.toString(), uri));
    return [...roots.values()];
  }

  private watchPacks(roots: vscode.Uri[]): void {
    this.disposePackWatchers();
    const scheduleReload = () => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => this.reload(), 300);
    };
    const patterns: vscode.GlobPattern[] = [`**/${WORKSPACE_PACK_FOLDER}/**/*.md`];
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const root of roots) {
      const inWorkspace = folders.some((f) => root.toString().startsWith(f.uri.toString() + '/'));
      if (!inWorkspace) patterns.push(new vscode.RelativePattern(root, '**/*.md'));
    }
    for (const pattern of patterns) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      this.watchers.push(
        watcher,
        watcher.onDidCreate(scheduleReload),
        watcher.onDidChange(scheduleReload),
        watcher.onDidDelete(scheduleReload),
      );
    }
  }

  private disposePackWatchers(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
  }

  private report(problems: CatalogProblem[]): void {
    this.diagnostics.clear();
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const problem of problems) {
      this.log.warn(describeCatalogProblem(problem));
      if (problem.origin === 'builtin') continue; // Shipped content: the log (and our CI) is the place.
      const uri = this.uriOf(problem.origin, problem.path);
      const line = Math.max(0, (problem.line ?? 1) - 1);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
        catalogProblemMessage(problem),
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'System Design Coach';
      diagnostic.code = problem.code;
      const file = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      file.diagnostics.push(diagnostic);
      byFile.set(uri.toString(), file);
    }
    for (const { uri, diagnostics } of byFile.values()) this.diagnostics.set(uri, diagnostics);

    const builtinProblems = problems.filter((p) => p.origin === 'builtin').length;
    if (builtinProblems && !this.warnedBuiltinProblems) {
      this.warnedBuiltinProblems = true;
      const show = vscode.l10n.t('Show Details');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('{0} catalogue file(s) could not be loaded and were skipped.', builtinProblems), show)
        .then((choice) => choice === show && this.log.show(true));
    }
  }
}

/** `~/x`, `/abs/x` and `C:\x` as they are; anything else relative to the first workspace folder. */
function resolvePackPath(path: string, folder: vscode.WorkspaceFolder | undefined): vscode.Uri | undefined {
  const trimmed = path.trim();
  const home = process.env.HOME ?? process.env.USERPROFILE;
  if (trimmed.startsWith('~/') && home) return vscode.Uri.file(home + trimmed.slice(1));
  if (trimmed.startsWith('/') || /^[A-Za-z]:[\\/]/.test(trimmed)) return vscode.Uri.file(trimmed);
  return folder && vscode.Uri.joinPath(folder.uri, ...trimmed.split(/[\\/]/));
}
