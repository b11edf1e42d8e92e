import type { LocalizedText } from '../locale';

/** One message in both languages; `{name}` placeholders must be the same in each. */
export const text = (en: string, zh: string): LocalizedText => ({ en, 'zh-CN': zh });
