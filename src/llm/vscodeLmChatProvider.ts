import * as vscode from 'vscode';
import { IdleTimer, LlmError, type ChatProvider, type ChatRequest, type ChatResponse } from '../core/llm/chat';

/**
 * `ChatProvider` over VS Code's Language Model API (e.g. GitHub Copilot). VS Code owns the consent:
 * the first request from a user action shows its own dialog. There is no system role and no JSON
 * schema here, so the system prompt goes first as a user message and the reply is parsed tolerantly.
 */
export class VsCodeLmChatProvider implements ChatProvider {
  private constructor(
    private readonly chatModel: vscode.LanguageModelChat,
    private readonly timeoutMs: number,
    private readonly justification: string,
  ) {}

  /**
   * The model the setting names (by id or family, e.g. "gpt-4o"), or the first one available.
   * Throws "modelNotFound" when none matches, with what is available in the message.
   */
  static async select(model: string, timeoutMs: number, justification: string): Promise<VsCodeLmChatProvider> {
    const all = await vscode.lm.selectChatModels();
    const wanted = model.trim();
    const chosen = wanted ? all.find((candidate) => candidate.id === wanted || candidate.family === wanted || candidate.name === wanted) : all[0];
    if (!chosen) {
      const available = all.map((candidate) => candidate.id).join(', ');
      throw new LlmError(
        'modelNotFound',
        !all.length
          ? vscode.l10n.t('No VS Code language model is available. Install and sign in to an extension that provides one, such as GitHub Copilot.')
          : vscode.l10n.t('No VS Code language model matches "{0}". Available: {1}.', wanted, available),
      );
    }
    return new VsCodeLmChatProvider(chosen, timeoutMs, justification);
  }

  get destination(): string {
    return `${this.chatModel.vendor} (VS Code)`;
  }

  get model(): string {
    return this.chatModel.id;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const cancellation = new vscode.CancellationTokenSource();
    const idle = new IdleTimer(this.timeoutMs, () => cancellation.cancel());
    const onAbort = () => cancellation.cancel();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const messages = request.messages.map((message) =>
      message.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(message.content) : vscode.LanguageModelChatMessage.User(message.content),
    );
    idle.touch();
    try {
      const response = await this.chatModel.sendRequest(messages, { justification: this.justification }, cancellation.token);
      let text = '';
      for await (const part of response.text) {
        idle.touch();
        text += part;
        request.onText?.(text.length);
      }
      if (cancellation.token.isCancellationRequested) throw new vscode.CancellationError();
      return { text, model: this.chatModel.id, structured: false };
    } catch (error) {
      if (request.signal?.aborted) throw new LlmError('cancelled', 'Cancelled.');
      if (idle.fired) throw new LlmError('timeout', `No response for ${Math.round(this.timeoutMs / 1000)} s.`);
      if (error instanceof vscode.LanguageModelError) {
        if (error.code === vscode.LanguageModelError.NotFound.name) throw new LlmError('modelNotFound', error.message);
        if (error.code === vscode.LanguageModelError.Blocked.name) throw new LlmError('rateLimited', error.message);
        throw new LlmError('forbidden', error.message);
      }
      if (error instanceof vscode.CancellationError) throw new LlmError('cancelled', 'Cancelled.');
      throw new LlmError('unreachable', error instanceof Error ? error.message : String(error));
    } finally {
      idle.stop();
      request.signal?.removeEventListener('abort', onAbort);
      cancellation.dispose();
    }
  }
}
