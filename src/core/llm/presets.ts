/**
 * Endpoints our users use, as presets for "Choose LLM Provider": each fills the base URL and suggests
 * a model the user can change. Model names age quickly; they are suggestions, never requirements.
 */
import type { Localized } from '../localized';

export type LlmProviderKind = 'off' | 'openai-compatible' | 'vscode-lm';

export interface LlmPreset {
  id: string;
  label: Localized;
  provider: Exclude<LlmProviderKind, 'off'>;
  /** `{resource}` is asked for (Azure). */
  baseUrl?: string;
  model: string;
  /** Local servers take no key. */
  needsKey: boolean;
  detail: Localized;
}

export const LLM_PRESETS: LlmPreset[] = [
  {
    id: 'openai',
    label: { en: 'OpenAI', 'zh-CN': 'OpenAI' },
    provider: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4.1-mini',
    needsKey: true,
    detail: { en: 'api.openai.com, key from platform.openai.com', 'zh-CN': 'api.openai.com，密钥在 platform.openai.com 获取' },
  },
  {
    id: 'azure',
    label: { en: 'Azure OpenAI', 'zh-CN': 'Azure OpenAI' },
    provider: 'openai-compatible',
    baseUrl: 'https://{resource}.openai.azure.com/openai/v1',
    model: 'gpt-4.1-mini',
    needsKey: true,
    detail: { en: 'v1 API of your resource; the model is your deployment name', 'zh-CN': '你的资源的 v1 API；模型填部署名称' },
  },
  {
    id: 'deepseek',
    label: { en: 'DeepSeek', 'zh-CN': 'DeepSeek（深度求索）' },
    provider: 'openai-compatible',
    baseUrl: 'https://api.deepseek.com/v1',
    model: 'deepseek-chat',
    needsKey: true,
    detail: { en: 'api.deepseek.com', 'zh-CN': 'api.deepseek.com' },
  },
  {
    id: 'dashscope',
    label: { en: 'Qwen (DashScope compatible mode)', 'zh-CN': '通义千问（DashScope 兼容模式）' },
    provider: 'openai-compatible',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    model: 'qwen-plus',
    needsKey: true,
    detail: { en: 'Alibaba Cloud Model Studio; use dashscope-intl.aliyuncs.com outside mainland China', 'zh-CN': '阿里云百炼；中国大陆以外请改用 dashscope-intl.aliyuncs.com' },
  },
  {
    id: 'moonshot',
    label: { en: 'Moonshot (Kimi)', 'zh-CN': '月之暗面（Kimi）' },
    provider: 'openai-compatible',
    baseUrl: 'https://api.moonshot.cn/v1',
    model: 'moonshot-v1-32k',
    needsKey: true,
    detail: { en: 'api.moonshot.cn', 'zh-CN': 'api.moonshot.cn' },
  },
  {
    id: 'ollama',
    label: { en: 'Ollama (local)', 'zh-CN': 'Ollama（本地）' },
    provider: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:11434/v1',
    model: 'qwen2.5:14b',
    needsKey: false,
    detail: { en: 'Runs on this machine; nothing leaves it', 'zh-CN': '在本机运行，数据不出本机' },
  },
  {
    id: 'lmstudio',
    label: { en: 'LM Studio (local)', 'zh-CN': 'LM Studio（本地）' },
    provider: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:1234/v1',
    model: 'qwen2.5-14b-instruct',
    needsKey: false,
    detail: { en: 'Runs on this machine; use the model id LM Studio shows', 'zh-CN': '在本机运行；模型填 LM Studio 显示的 id' },
  },
  {
    id: 'vscode-lm',
    label: { en: 'VS Code language models (e.g. GitHub Copilot)', 'zh-CN': 'VS Code 语言模型（如 GitHub Copilot）' },
    provider: 'vscode-lm',
    model: '',
    needsKey: false,
    detail: { en: 'Uses a chat model another extension provides; VS Code asks for your consent', 'zh-CN': '使用其他扩展提供的聊天模型；VS Code 会征求你的同意' },
  },
];

/** The key a secret is stored under: one key per endpoint, so a workspace that points the base URL elsewhere never receives it. */
export function apiKeySecretName(baseUrl: string): string {
  return `sdcoach.llm.apiKey:${normaliseBaseUrl(baseUrl)}`;
}

export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '').toLowerCase();
}

/** Why a base URL cannot be used, or undefined when it can. */
export function baseUrlProblem(baseUrl: string): 'empty' | 'invalid' | 'placeholder' | undefined {
  if (!baseUrl.trim()) return 'empty';
  if (baseUrl.includes('{resource}')) return 'placeholder';
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'invalid';
  } catch {
    return 'invalid';
  }
}
