import * as vscode from 'vscode';
import type { EntryProgress } from '../core/catalog/catalogQuery';
import type { StoredCard } from '../core/interview/spacedReview';
import { Disposable } from '../util/disposable';

const KEY = 'sdcoach.progress';

/**
 * Per-user progress on each entry (favourites, opened hints, best score), kept in global state and
 * synced with Settings Sync, so it follows the user across workspaces and machines.
 */
export class ProgressStore extends Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<string>());
  /** Fires with the id of the entry whose progress changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly state: vscode.Memento & { setKeysForSync(keys: readonly string[]): void }) {
    super();
    state.setKeysForSync([KEY]);
  }

  get(id: string): EntryProgress | undefined {
    return this.all()[id];
  }

  all(): Readonly<Record<string, EntryProgress>> {
    return this.state.get<Record<string, EntryProgress>>(KEY, {});
  }

  async update(id: string, change: (current: EntryProgress) => EntryProgress): Promise<EntryProgress> {
    const all = { ...this.all() };
    const next = change({ ...all[id] });
    all[id] = next;
    await this.state.update(KEY, all);
    this.changeEmitter.fire(id);
    return next;
  }

  setFavorite(id: string, favorite: boolean): Promise<EntryProgress> {
    return this.update(id, (p) => ({ ...p, favorite: favorite || undefined }));
  }

  markStarted(id: string): Promise<EntryProgress> {
    return this.update(id, (p) => ({ ...p, startedAt: p.startedAt ?? new Date().toISOString() }));
  }

  /** Keeps the best score; a worse attempt does not lower it. */
  /** The entry's next spaced review, after a finished mock interview. */
  recordReview(id: string, review: StoredCard): Promise<EntryProgress> {
    return this.update(id, (p) => ({ ...p, review }));
  }

  recordScore(id: string, score: number): Promise<EntryProgress> {
    const clamped = Math.max(0, Math.min(100, Math.round(score)));
    return this.update(id, (p) => ({ ...p, bestScore: Math.max(p.bestScore ?? 0, clamped) }));
  }
}
