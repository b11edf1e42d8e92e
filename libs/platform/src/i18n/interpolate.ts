/** Message parameters: what a template's `{name}` placeholders stand for. */
export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{name}` placeholders of a template, in order. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * The template with its parameters filled in. A placeholder the thrower gave no parameter for is left
 * out (never shown as a brace): "报关单 {id} 不存在" reads "报关单不存在" without one.
 */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template
    .replace(PLACEHOLDER, (_, name: string) => (name in params ? String(params[name]) : '\uE000'))
    .replace(/ ?\uE000 ?/g, (gap) => (gap.length === 3 ? ' ' : ''))
    .replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1')
    .trim();
}
