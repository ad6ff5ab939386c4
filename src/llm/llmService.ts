import * as vscode from 'vscode';
import { llmSettings, type LlmSettings } from '../config';
import { isLlmError, LlmError, type ChatProvider, type ChatRequest, type ChatResponse } from '../core/llm/chat';
import type { CriticInput, LlmReview } from '../core/llm/llmCritic';
import { apiKeySecretName, baseUrlProblem, normaliseBaseUrl } from '../core/llm/presets';
import { loadPromptSet, PromptTemplateError, type PromptSet } from '../core/llm/promptTemplates';
import type { Review } from '../core/critic/review';

const CONSENT_KEY = 'sdcoach.llm.consented';

/** Whether a base URL points at this machine, where a key is optional and nothing leaves the computer. */
export function isLocalEndpoint(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

/**
 * The extension's LLM layer: builds the configured provider (the OpenAI client loads here, on the
 * first request, never at activation), asks for consent once per destination, reads the prompts,
 * and turns every failure into a localised message with a way forward. Keys live in SecretStorage,
 * one per endpoint, and never reach a log line, a message or a file.
 */
export class LlmService {
  /** The last provider built, reused while the settings and key stay the same (it remembers an endpoint without JSON schema support). */
  private cached: { signature: string; provider: ChatProvider } | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Off unless a provider is chosen, and always off in an untrusted workspace. */
  get enabled(): boolean {
    return vscode.workspace.isTrusted && llmSettings().provider !== 'off';
  }

  /** Set but not usable because the workspace is not trusted. */
  get blockedByTrust(): boolean {
    return !vscode.workspace.isTrusted && llmSettings().provider !== 'off';
  }

  getApiKey(baseUrl: string): Thenable<string | undefined> {
    return this.secrets.get(apiKeySecretName(baseUrl));
  }

  async setApiKey(baseUrl: string, key: string): Promise<void> {
    await this.secrets.store(apiKeySecretName(baseUrl), key.trim());
    this.log.info(`API key stored for ${normaliseBaseUrl(baseUrl)}`);
  }

  async deleteApiKey(baseUrl: string): Promise<void> {
    await this.secrets.delete(apiKeySecretName(baseUrl));
    this.log.info(`API key removed for ${normaliseBaseUrl(baseUrl)}`);
  }

  /** The provider the settings describe; throws a "notConfigured" LlmError naming what is missing. */
  async provider(settings: LlmSettings = llmSettings()): Promise<ChatProvider> {
    if (!vscode.workspace.isTrusted) throw new LlmError('notConfigured', vscode.l10n.t('LLM features are off in untrusted workspaces.'));
    if (settings.provider === 'off') throw new LlmError('notConfigured', vscode.l10n.t('No LLM provider is set (sdcoach.llm.provider is "off").'));
    if (settings.provider === 'vscode-lm') {
      const { VsCodeLmChatProvider } = await import('./vscodeLmChatProvider');
      return VsCodeLmChatProvider.select(settings.model, settings.timeoutMs, vscode.l10n.t('System Design Coach sends your answer to the model to review it.'));
    }
    const problem = baseUrlProblem(settings.baseUrl);
    if (problem) {
      const message = {
        empty: vscode.l10n.t('Set sdcoach.llm.baseUrl to your endpoint, e.g. https://api.openai.com/v1, or run "Choose LLM Provider".'),
        invalid: vscode.l10n.t('sdcoach.llm.baseUrl is not an http(s) URL: {0}', settings.baseUrl),
        placeholder: vscode.l10n.t('Replace {resource} in sdcoach.llm.baseUrl with your Azure resource name.'),
      }[problem];
      throw new LlmError('notConfigured', message);
    }
    if (!settings.model) throw new LlmError('notConfigured', vscode.l10n.t('Set sdcoach.llm.model to the model to use.'));
    const apiKey = await this.getApiKey(settings.baseUrl);
    if (!apiKey && !isLocalEndpoint(settings.baseUrl)) {
      throw new LlmError('auth', vscode.l10n.t('No API key is stored for {0}. Run "Set API Key".', settings.baseUrl));
    }
    const signature = JSON.stringify([settings.baseUrl, settings.model, settings.timeoutMs, apiKey ?? '']);
    if (this.cached?.signature === signature) return this.cached.provider;
    // A separate bundle (dist/llmRuntime.js): the openai client loads on the first request only.
    const { OpenAiChatProvider } = await import('./llmRuntime');
    const provider = new OpenAiChatProvider({
      baseUrl: settings.baseUrl,
      model: settings.model,
      apiKey,
      timeoutMs: settings.timeoutMs,
      log: (line) => this.log.info(line),
    });
    this.cached = { signature, provider };
    return provider;
  }

  /** The prompt templates: shipped, or the user's where `sdcoach.llm.promptsPath` has one (trusted workspaces only). */
  async prompts(): Promise<PromptSet> {
    const read = async (uri: vscode.Uri) => {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    };
    const shipped = vscode.Uri.joinPath(this.extensionUri, 'prompts');
    const overrideFolder = vscode.workspace.isTrusted ? resolveFolder(llmSettings().promptsPath) : undefined;
    return loadPromptSet(
      (file) => read(vscode.Uri.joinPath(shipped, file)),
      overrideFolder && {
        read: (file) => read(vscode.Uri.joinPath(overrideFolder, file)),
        describe: (file) => vscode.Uri.joinPath(overrideFolder, file).fsPath,
      },
    );
  }

  /**
   * Asks once per destination before anything is sent. Returns false when the user declines;
   * "Preview Request" runs `preview` and also returns false, so nothing is sent unseen.
   */
  async consent(provider: ChatProvider, what: string, preview: () => Promise<void>): Promise<boolean> {
    const settings = llmSettings();
    const destination = settings.provider === 'vscode-lm' ? `vscode-lm|${provider.destination}` : `openai-compatible|${normaliseBaseUrl(settings.baseUrl)}`;
    const given = this.globalState.get<string[]>(CONSENT_KEY, []);
    if (given.includes(destination)) return true;
    const send = vscode.l10n.t('Send');
    const show = vscode.l10n.t('Preview Request');
    const where = settings.provider === 'vscode-lm' ? provider.destination : settings.baseUrl;
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send your answer to {0}?', where),
      {
        modal: true,
        detail: vscode.l10n.t(
          'System Design Coach will send {0} to {1} (model {2}) to review it. Nothing is sent to this destination until you agree; you are asked once per destination. The API key goes only to this address.',
          what,
          where,
          provider.model,
        ),
      },
      send,
      show,
    );
    if (choice === show) await preview();
    if (choice !== send) return false;
    await this.globalState.update(CONSENT_KEY, [...given, destination]);
    this.log.info(`consent given for ${destination}`);
    return true;
  }

  /** One chat exchange for other features (the mock interviewer): configured provider, consent, errors as LlmError. */
  async chat(request: ChatRequest, what: string, preview: () => Promise<void>): Promise<ChatResponse | undefined> {
    const provider = await this.provider();
    if (!(await this.consent(provider, what, preview))) return undefined;
    return provider.chat(request);
  }

  /**
   * The LLM critic with a cancellable progress notification. Returns undefined when the user declined
   * or cancelled, or when it failed (after telling the user why): the offline review stands.
   */
  async review(input: CriticInput, offline: Review, preview: () => Promise<void>): Promise<LlmReview | undefined> {
    let provider: ChatProvider;
    let prompts: PromptSet;
    try {
      prompts = await this.prompts();
      provider = await this.provider();
    } catch (error) {
      this.report(error);
      return undefined;
    }
    const what =
      input.diagram === undefined
        ? vscode.l10n.t('the problem statement and your answer.md ({0} characters)', input.answer.length)
        : vscode.l10n.t('the problem statement, your answer.md ({0} characters) and architecture.mmd', input.answer.length);
    if (!(await this.consent(provider, what, preview))) return undefined;
    const { runLlmCritic } = await import('./llmRuntime');
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reviewing with {0}', provider.model), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        progress.report({ message: vscode.l10n.t('waiting for {0}…', provider.destination) });
        let lastReport = 0;
        try {
          return await runLlmCritic(provider, prompts, input, offline, {
            signal: controller.signal,
            onText: (received) => {
              // The notification re-renders on every report: a few per second is plenty.
              if (Date.now() - lastReport < 250) return;
              lastReport = Date.now();
              progress.report({ message: vscode.l10n.t('receiving: {0} characters', received) });
            },
            onRepair: () => progress.report({ message: vscode.l10n.t('the reply did not fit the format; asking once more…') }),
          });
        } catch (error) {
          if (!(isLlmError(error) && error.kind === 'cancelled')) this.report(error);
          return undefined;
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  /** A failure as the user reads it: what happened, at which endpoint, and a button that fixes it. */
  report(error: unknown): void {
    const settings = llmSettings();
    const where = settings.provider === 'vscode-lm' ? 'VS Code' : settings.baseUrl;
    if (error instanceof PromptTemplateError) {
      this.log.error(`prompt template: ${error.message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Prompt template {0}: {1}', error.origin, error.detail));
      return;
    }
    if (!isLlmError(error)) {
      this.log.error(`LLM review failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The LLM review failed: {0}. The offline review stands.', error instanceof Error ? error.message : String(error)));
      return;
    }
    const status = error.details.status ? ` (${error.details.status})` : '';
    const messages: Record<LlmError['kind'], string> = {
      auth: error.details.status ? vscode.l10n.t('{0} did not accept the API key{1}: {2}', where, status, error.message) : error.message,
      forbidden: vscode.l10n.t('{0} refused the request{1}: {2}', where, status, error.message),
      modelNotFound: settings.provider === 'vscode-lm' ? error.message : vscode.l10n.t('The model "{0}" is not available at {1}: {2}', settings.model, where, error.message),
      badRequest: vscode.l10n.t('{0} rejected the request{1}: {2}', where, status, error.message),
      rateLimited: vscode.l10n.t('{0} is rate-limiting requests{1}, and still was after the retries. Try again later.', where, status),
      server: vscode.l10n.t('{0} failed with a server error{1}, and still did after the retries.', where, status),
      unreachable: vscode.l10n.t('Cannot reach {0}: {1}. Check sdcoach.llm.baseUrl and that the server is running.', where, error.message),
      timeout: vscode.l10n.t('{0} sent nothing for {1} seconds. Raise sdcoach.llm.timeoutSeconds or choose a faster model.', where, Math.round(settings.timeoutMs / 1000)),
      cancelled: vscode.l10n.t('The LLM review was cancelled.'),
      invalidOutput: vscode.l10n.t('The model’s reply did not fit the review format, even after one retry.'),
      notConfigured: error.message,
    };
    this.log.error(`LLM review failed: ${error.kind}${status}: ${error.message}`);
    const actions: Partial<Record<LlmError['kind'], string>> = {
      auth: vscode.l10n.t('Set API Key'),
      modelNotFound: vscode.l10n.t('Open Settings'),
      unreachable: vscode.l10n.t('Open Settings'),
      notConfigured: vscode.l10n.t('Choose LLM Provider'),
      timeout: vscode.l10n.t('Open Settings'),
    };
    const action = actions[error.kind];
    const text = `${messages[error.kind]} ${vscode.l10n.t('The offline review stands.')}`;
    void vscode.window.showErrorMessage(text, ...(action ? [action] : [])).then((choice) => {
      if (!choice) return;
      if (error.kind === 'auth') void vscode.commands.executeCommand('sdcoach.setApiKey');
      else if (error.kind === 'notConfigured') void vscode.commands.executeCommand('sdcoach.chooseLlmProvider');
      else void vscode.commands.executeCommand('workbench.action.openSettings', 'sdcoach.llm');
    });
  }
}

/** A folder setting as written: absolute, `~/…`, or relative to the first workspace folder. */
function resolveFolder(path: string | undefined): vscode.Uri | undefined {
  if (!path) return undefined;
  if (path.startsWith('~/')) return vscode.Uri.file(`${process.env.HOME ?? process.env.USERPROFILE ?? ''}${path.slice(1)}`);
  if (/^([a-zA-Z]:[\\/]|\/)/.test(path)) return vscode.Uri.file(path);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder && vscode.Uri.joinPath(folder.uri, path);
}
