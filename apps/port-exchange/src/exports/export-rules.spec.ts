import { departuresOf, exportGateInRefusals, loadingOutcome, type ExportShipmentState } from './export-rules';

const BL = 'COSU8001234567';
const accepted = (over: Partial<ExportShipmentState> = {}): ExportShipmentState => ({
  declarationId: 'D-1',
  open: true,
  containerNumbers: [],
  ...over,
});

describe('export gate-in', () => {
  it('lets containers in against an accepted export declaration', () => {
    expect(exportGateInRefusals(BL, accepted(), ['CSQU3054383'])).toEqual([]);
  });

  it('refuses containers without an accepted export declaration, saying so', () => {
    expect(exportGateInRefusals(BL, null, ['CSQU3054383'])).toEqual([
      expect.objectContaining({ code: 'NO_EXPORT_DECLARATION', message: expect.stringContaining(BL) }),
    ]);
  });

  it('lists every reason: a withdrawn declaration and a container in already', () => {
    const shipment = accepted({ open: false, closedReason: 'withdrawn', containerNumbers: ['CSQU3054383'] });
    expect(exportGateInRefusals(BL, shipment, ['CSQU3054383', 'MSKU9070323']).map((r) => r.code)).toEqual([
      'DECLARATION_CLOSED',
      'CONTAINER_ALREADY_IN',
    ]);
  });
});

describe('loading list', () => {
  const line = { containerNumber: 'CSQU3054383', shipmentId: BL };
  const released = accepted({ releasedForLoadingAt: new Date(), containerNumbers: ['CSQU3054383'] });

  it('loads a container released for loading and gated in under its shipment', () => {
    expect(loadingOutcome(line, released)).toEqual({ kind: 'loaded' });
  });

  it('makes a container not released for loading an incident, whatever the reason', () => {
    for (const shipment of [
      null,
      accepted({ containerNumbers: ['CSQU3054383'] }),
      { ...released, open: false },
    ]) {
      expect(loadingOutcome(line, shipment)).toMatchObject({
        kind: 'incident',
        incident: 'not-released-for-loading',
      });
    }
  });

  it('makes a released shipment’s container that never came through the gate an incident too', () => {
    const other = { ...line, containerNumber: 'MSKU9070323' };
    expect(loadingOutcome(other, released)).toMatchObject({ kind: 'incident', incident: 'not-gated-in' });
  });

  it('departs each shipment once with its loaded containers', () => {
    const departures = departuresOf([
      line,
      { containerNumber: 'MSKU9070323', shipmentId: BL },
      { containerNumber: 'TGHU1234567', shipmentId: 'MSCU1' },
    ]);
    expect([...departures]).toEqual([
      [BL, ['CSQU3054383', 'MSKU9070323']],
      ['MSCU1', ['TGHU1234567']],
    ]);
  });
});
