import { Events } from '@tongguan/contracts';
import { visibleToImporter, type OwnedEntry } from './audit-ownership';

let sequence = 0;
const at = (hour: number) => new Date(Date.UTC(2026, 2, 2, hour));
const entry = (
  hour: number,
  type: string,
  ids: { declarationId?: string; importerId?: string } = {},
): OwnedEntry => ({ eventId: `e${++sequence}`, at: at(hour), type, ...ids });

const A = { declarationId: 'D-A', importerId: 'TRADER-A' };
const B = { declarationId: 'D-B', importerId: 'TRADER-B' };

/** Trader A files, is assessed and inspected, withdraws; trader B files for the same B/L and goes on. */
const refiled = [
  entry(0, Events.DeclarationLodged.type, A),
  entry(1, Events.CargoArrived.type),
  entry(1, Events.DutyAssessed.type, A),
  entry(2, Events.RiskAssessed.type, { declarationId: 'D-A' }),
  entry(3, Events.CustomsHoldPlaced.type),
  entry(4, Events.DeclarationWithdrawn.type, A),
  entry(5, Events.DeclarationLodged.type, B),
  entry(6, Events.DutyAssessed.type, B),
  entry(7, Events.InspectionCompleted.type, { declarationId: 'D-B' }),
  entry(8, Events.PaymentSettled.type, { importerId: 'TRADER-B' }),
  entry(9, Events.GateOutRecorded.type),
];
const types = (entries: OwnedEntry[]) => entries.map((e) => `${e.at.getUTCHours()} ${e.type.split('.')[2]}`);

describe('visibleToImporter', () => {
  it('shows the new importer its own declaration and the cargo from its filing on, nothing of the old one', () => {
    expect(types(visibleToImporter('TRADER-B', refiled))).toEqual([
      '5 DeclarationLodged',
      '6 DutyAssessed',
      '7 InspectionCompleted',
      '8 PaymentSettled',
      '9 GateOutRecorded',
    ]);
  });

  it('shows the first importer its own part and nothing that happened under the new declaration', () => {
    expect(types(visibleToImporter('TRADER-A', refiled))).toEqual([
      '0 DeclarationLodged',
      '1 CargoArrived',
      '1 DutyAssessed',
      '2 RiskAssessed',
      '3 CustomsHoldPlaced',
      '4 DeclarationWithdrawn',
    ]);
  });

  it('shows what happened before anyone filed to every importer that filed, and nothing to a stranger', () => {
    const arrivedFirst = [entry(-1, Events.CargoArrived.type), ...refiled.slice(0, 1), ...refiled.slice(5)];
    expect(types(visibleToImporter('TRADER-B', arrivedFirst))[0]).toBe('23 CargoArrived');
    expect(types(visibleToImporter('TRADER-A', arrivedFirst))[0]).toBe('23 CargoArrived');
    expect(visibleToImporter('TRADER-C', refiled)).toEqual([]);
  });

  it('gives the same answer whatever order the entries were appended in', () => {
    const shuffled = [...refiled].reverse();
    expect(new Set(visibleToImporter('TRADER-B', shuffled))).toEqual(
      new Set(visibleToImporter('TRADER-B', refiled)),
    );
  });
});
