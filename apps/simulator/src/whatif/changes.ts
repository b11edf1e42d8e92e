import { describeWhatIf, type LimitsWhatIf, type ParameterChange } from './limits-what-if';

/** Every parameter the what-if changed, with its value before and after and its source. */
export function describeChanges(name: string, whatIf: LimitsWhatIf, changes: ParameterChange[]): string[] {
  if (changes.length === 0) return [`[${name}] what-if ${describeWhatIf(whatIf)}: no parameter changed`];
  const width = Math.max(...changes.map((c) => c.parameter.length));
  return [
    `[${name}] what-if ${describeWhatIf(whatIf)} changes ${changes.length} parameters (before → after; source):`,
    ...changes.map(
      (c) => `  ${c.parameter.padEnd(width)}  ${c.before} → ${c.after}; source: ${shorten(c.source, 160)}`,
    ),
  ];
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
