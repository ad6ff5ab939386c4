import * as vscode from 'vscode';
import { llmSettings, updateLlmSettings } from '../config';
import { baseUrlProblem, LLM_PRESETS, type LlmPreset } from '../core/llm/presets';
import { contentLanguage } from '../config';
import { isLocalEndpoint, type LlmService } from './llmService';

/** Set API Key, Clear API Key and Choose LLM Provider. */
export function registerLlmCommands(llm: LlmService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sdcoach.setApiKey', () => setApiKey(llm)),
    vscode.commands.registerCommand('sdcoach.clearApiKey', () => clearApiKey(llm)),
    vscode.commands.registerCommand('sdcoach.chooseLlmProvider', () => chooseProvider(llm)),
  ];
}

async function setApiKey(llm: LlmService): Promise<boolean> {
  const { baseUrl, provider } = llmSettings();
  if (provider === 'vscode-lm') {
    void vscode.window.showInformationMessage(vscode.l10n.t('VS Code language models need no API key here: VS Code and the extension that provides the model handle sign-in.'));
    return false;
  }
  if (baseUrlProblem(baseUrl)) {
    const choose = vscode.l10n.t('Choose LLM Provider');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Set the endpoint first: the key is stored for one base URL.'), choose);
    if (choice === choose) await vscode.commands.executeCommand('sdcoach.chooseLlmProvider');
    return false;
  }
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('API key for {0}', baseUrl),
    prompt: vscode.l10n.t('Stored in VS Code’s secret storage (the OS keychain), only for this endpoint. It is never written to settings, logs or reports.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? (/\s/.test(value.trim()) ? vscode.l10n.t('An API key has no spaces.') : undefined) : vscode.l10n.t('Paste the key, or press Escape.')),
  });
  if (!key) return false;
  await llm.setApiKey(baseUrl, key);
  void vscode.window.showInformationMessage(vscode.l10n.t('API key stored for {0}.', baseUrl));
  return true;
}

async function clearApiKey(llm: LlmService): Promise<void> {
  const { baseUrl } = llmSettings();
  if (baseUrlProblem(baseUrl) || !(await llm.getApiKey(baseUrl))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No API key is stored for {0}.', baseUrl || '—'));
    return;
  }
  await llm.deleteApiKey(baseUrl);
  void vscode.window.showInformationMessage(vscode.l10n.t('API key for {0} removed.', baseUrl));
}

type PresetItem = vscode.QuickPickItem & { preset?: LlmPreset; off?: true };

async function chooseProvider(llm: LlmService): Promise<void> {
  const language = contentLanguage();
  const current = llmSettings();
  const items: PresetItem[] = [
    ...LLM_PRESETS.map((preset) => ({
      label: preset.label[language],
      description: preset.baseUrl ?? '',
      detail: preset.detail[language],
      preset,
      picked: current.provider === preset.provider && (preset.provider === 'vscode-lm' || current.baseUrl === preset.baseUrl),
    })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: vscode.l10n.t('Off: offline critic only'), off: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Choose LLM Provider'), placeHolder: vscode.l10n.t('Where LLM reviews are sent'), matchOnDetail: true });
  if (!picked) return;
  if (picked.off || !picked.preset) {
    await updateLlmSettings({ provider: 'off' });
    void vscode.window.showInformationMessage(vscode.l10n.t('LLM features are off. Reviews stay offline.'));
    return;
  }
  const preset = picked.preset;
  let baseUrl = preset.baseUrl;
  if (baseUrl?.includes('{resource}')) {
    const resource = await vscode.window.showInputBox({
      title: vscode.l10n.t('Azure OpenAI resource name'),
      prompt: vscode.l10n.t('The name in https://<name>.openai.azure.com'),
      validateInput: (value) => (/^[a-z0-9][a-z0-9-]{1,62}$/i.test(value.trim()) ? undefined : vscode.l10n.t('Letters, digits and hyphens only.')),
    });
    if (!resource) return;
    baseUrl = baseUrl.replace('{resource}', resource.trim());
  }
  const model = await vscode.window.showInputBox({
    title: preset.provider === 'vscode-lm' ? vscode.l10n.t('Language model (id or family), empty for the first available') : vscode.l10n.t('Model'),
    value: preset.provider === 'vscode-lm' ? current.provider === 'vscode-lm' ? current.model : '' : current.baseUrl === baseUrl && current.model ? current.model : preset.model,
    prompt: preset.provider === 'vscode-lm' ? vscode.l10n.t('For example gpt-4o. Leave empty to use the first model VS Code offers.') : vscode.l10n.t('A suggestion; use any model the endpoint serves.'),
  });
  if (model === undefined) return;
  await updateLlmSettings({ provider: preset.provider, baseUrl: preset.provider === 'vscode-lm' ? undefined : baseUrl, model: model.trim() });
  if (preset.provider === 'openai-compatible' && baseUrl && preset.needsKey && !isLocalEndpoint(baseUrl) && !(await llm.getApiKey(baseUrl))) {
    await vscode.commands.executeCommand('sdcoach.setApiKey');
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('LLM reviews will use {0}.', preset.label[language]));
}
