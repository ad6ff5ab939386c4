/** The languages the product ships content and UI strings in. */
export const CONTENT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

/** Fills `{0}`, `{1}`… in a translated template (every occurrence). */
export function formatText(text: string, ...values: (string | number)[]): string {
  return values.reduce<string>((out, value, index) => out.split(`{${index}}`).join(String(value)), text);
}

/** A piece of text present in every content language. */
export type Localized<T = string> = Record<ContentLanguage, T>;

/**
 * Maps a VS Code / BCP-47 locale ("zh-cn", "zh-CN", "zh-Hans", "en-us") to a content language.
 * Any Chinese variant reads the Simplified Chinese text; everything else falls back to English.
 */
export function contentLanguageFor(locale: string | undefined): ContentLanguage {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
