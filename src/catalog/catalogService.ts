import * as vscode from 'vscode';
import { loadCatalog, type Catalog, type CatalogEntry } from '../core/catalog/catalogLoader';
import { Disposable } from '../util/disposable';
import { describeCatalogProblem } from './catalogProblemMessages';
import { createVscodeCatalogSource } from './vscodeCatalogSource';

/** Loads the bundled catalogue once, on first use, and reports files it had to skip. */
export class CatalogService extends Disposable {
  private loading: Promise<Catalog> | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly root: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
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

  private async load(): Promise<Catalog> {
    const started = Date.now();
    const catalog = await loadCatalog(createVscodeCatalogSource(this.root));
    this.log.info(`Catalogue: ${catalog.entries.length} entries in ${Date.now() - started} ms`);
    if (catalog.problems.length) {
      for (const problem of catalog.problems) {
        this.log.warn(describeCatalogProblem(problem));
      }
      const show = vscode.l10n.t('Show Details');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t('{0} catalogue file(s) could not be loaded and were skipped.', catalog.problems.length),
          show,
        )
        .then((choice) => choice === show && this.log.show(true));
    }
    return catalog;
  }
}
