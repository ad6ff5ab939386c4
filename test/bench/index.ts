// Runs inside the extension host (like the integration suite): times `activate()` of our extension
// against a one-command baseline extension loaded beside it, and the first catalogue load.
// Writes JSON to the file named by SDCOACH_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SdcoachApi } from '../../src/extension';

async function timeActivation<T>(id: string): Promise<{ ms: number; wasActive: boolean; api: T }> {
  const extension = vscode.extensions.getExtension<T>(id);
  if (!extension) throw new Error(`${id} is not loaded`);
  const wasActive = extension.isActive;
  const started = performance.now();
  const api = await extension.activate();
  return { ms: performance.now() - started, wasActive, api };
}

export async function run(): Promise<void> {
  const out = process.env.SDCOACH_BENCH_OUT;
  if (!out) throw new Error('SDCOACH_BENCH_OUT is not set');
  // Whichever extension activates first pays some one-off cost of the host, so runs alternate the order.
  const oursFirst = process.env.SDCOACH_BENCH_ORDER === 'ours-first';
  const ours = oursFirst ? await timeActivation<SdcoachApi>('sdcoach.system-design-coach') : undefined;
  const baseline = await timeActivation('sdcoach-bench.baseline');
  const measured = ours ?? (await timeActivation<SdcoachApi>('sdcoach.system-design-coach'));
  const started = performance.now();
  const roots = (await measured.api.catalogTree.getChildren()) ?? [];
  const catalogMs = performance.now() - started;
  writeFileSync(
    out,
    JSON.stringify({
      vscodeVersion: vscode.version,
      oursFirst,
      activateMs: measured.ms,
      baselineActivateMs: baseline.ms,
      wasAlreadyActive: measured.wasActive || baseline.wasActive,
      firstCatalogueLoadMs: catalogMs,
      catalogueCategories: roots.length,
    }),
  );
}
