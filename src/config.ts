import * as vscode from 'vscode';
import { contentLanguageFor, type ContentLanguage } from './core/localized';
import type { LlmProviderKind } from './core/llm/presets';

// Every `sdcoach.*` setting is read here and nowhere else.
const SECTION = 'sdcoach';

/** Language of catalogue content and templates: the setting, or VS Code's display language on "auto". */
export function contentLanguage(): ContentLanguage {
  const setting = vscode.workspace.getConfiguration(SECTION).get<string>('contentLanguage', 'auto');
  return setting === 'en' || setting === 'zh-CN' ? setting : contentLanguageFor(vscode.env.language);
}

/** Folder, relative to the workspace folder, that holds one sub-folder per practice. */
export function practiceFolder(scope: vscode.WorkspaceFolder): string {
  return vscode.workspace.getConfiguration(SECTION, scope).get<string>('practiceFolder', 'system-design');
}

export function onDidChangeContentLanguage(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.contentLanguage`)) listener();
  });
}

/** Extra catalogue folders (user packs), as written in the setting: absolute, `~/…`, or workspace-relative. */
export function catalogPaths(): string[] {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('catalogPaths', []);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

export function onDidChangeCatalogPaths(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.catalogPaths`)) listener();
  });
}

/** Review the answer each time answer.md or architecture.mmd of a practice is saved. */
export function reviewOnSave(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('review.onSave', false);
}

export function onDidChangeReviewOnSave(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.review.onSave`)) listener();
  });
}

export interface LlmSettings {
  provider: LlmProviderKind;
  baseUrl: string;
  model: string;
  /** Longest silence from the endpoint, in milliseconds. */
  timeoutMs: number;
  /** Folder of prompt templates that replace the shipped ones; ignored in untrusted workspaces. */
  promptsPath: string | undefined;
}

/** The LLM settings. In an untrusted workspace VS Code already ignores the workspace's values of the restricted ones. */
export function llmSettings(): LlmSettings {
  const config = vscode.workspace.getConfiguration(`${SECTION}.llm`);
  const provider = config.get<string>('provider', 'off');
  const timeout = config.get<number>('timeoutSeconds', 60);
  const promptsPath = config.get<string>('promptsPath', '').trim();
  return {
    provider: provider === 'openai-compatible' || provider === 'vscode-lm' ? provider : 'off',
    baseUrl: config.get<string>('baseUrl', '').trim(),
    model: config.get<string>('model', '').trim(),
    timeoutMs: Math.min(600, Math.max(5, Number.isFinite(timeout) ? timeout : 60)) * 1000,
    promptsPath: promptsPath || undefined,
  };
}

/** Writes the provider, endpoint and model chosen from a preset to the user settings. */
export async function updateLlmSettings(values: { provider: LlmProviderKind; baseUrl?: string; model?: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration(`${SECTION}.llm`);
  await config.update('provider', values.provider, vscode.ConfigurationTarget.Global);
  if (values.baseUrl !== undefined) await config.update('baseUrl', values.baseUrl, vscode.ConfigurationTarget.Global);
  if (values.model !== undefined) await config.update('model', values.model, vscode.ConfigurationTarget.Global);
}

export function onDidChangeLlmSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(`${SECTION}.llm`)) listener();
  });
}
