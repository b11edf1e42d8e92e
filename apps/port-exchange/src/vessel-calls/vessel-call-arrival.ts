import type { FieldProblem } from '@tongguan/contracts';
import type { Change } from '@tongguan/persistence';

/**
 * When a vessel call arrived, as pure decisions. The port reports the actual time of arrival (ATA);
 * until it does, the first discharge of the call stands in for it. A reported ATA replaces one taken
 * from a discharge (it may not be later: a vessel arrives before it discharges); once reported it is
 * final: the same ATA again changes nothing, another one is a conflict.
 */
export interface CallArrival {
  ata?: Date;
  ataSource?: 'reported' | 'first-discharge';
}

export type ReportedArrival =
  | { kind: 'record'; change: Change }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; problems: FieldProblem[] }
  | { kind: 'conflict'; reported?: Date };

export function decideReportedArrival(call: CallArrival, ata: Date, now: Date): ReportedArrival {
  const problems: FieldProblem[] = [];
  const text = ata.toISOString();
  if (ata.getTime() > now.getTime()) {
    problems.push({ path: 'ata', code: 'ATA_IN_FUTURE', message: `ata ${text} is in the future` });
  }
  if (call.ataSource === 'first-discharge' && call.ata && ata > call.ata) {
    problems.push({
      path: 'ata',
      code: 'ATA_AFTER_DISCHARGE',
      message: `ata ${text} is after the first discharge of the call (${call.ata.toISOString()})`,
    });
  }
  if (problems.length > 0) return { kind: 'invalid', problems };
  if (call.ataSource === 'reported') {
    return call.ata?.getTime() === ata.getTime()
      ? { kind: 'unchanged' }
      : { kind: 'conflict', reported: call.ata };
  }
  return { kind: 'record', change: { set: { ata, ataSource: 'reported' } } };
}

/** The first discharge of a call is its ATA while it has none; later discharges change nothing. */
export function decideFirstDischarge(call: CallArrival, at: Date): Change | null {
  return call.ata ? null : { set: { ata: at, ataSource: 'first-discharge' } };
}
