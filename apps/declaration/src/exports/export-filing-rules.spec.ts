import { decideExportFilingRight, directionProblems } from './export-filing-rules';

const exporter = { role: 'exporter' as const, party: 'EXPORTER-1' };
const broker = { role: 'importer' as const, party: 'BROKER-7' };

describe('who may lodge an export declaration', () => {
  it('lets the exporter lodge its own, owning it', () => {
    expect(decideExportFilingRight(exporter, undefined, null)).toEqual({
      kind: 'allowed',
      ownerPartyId: 'EXPORTER-1',
      asBroker: false,
    });
    expect(decideExportFilingRight(exporter, 'EXPORTER-2', null)).toMatchObject({
      kind: 'refused',
      problem: { code: 'EXPORTER_MISMATCH' },
    });
  });

  it('lets a broker lodge for the exporter that authorised it, the exporter owning it', () => {
    expect(decideExportFilingRight(broker, 'EXPORTER-1', { active: true })).toEqual({
      kind: 'allowed',
      ownerPartyId: 'EXPORTER-1',
      asBroker: true,
    });
    expect(decideExportFilingRight(broker, 'EXPORTER-1', { active: false })).toMatchObject({
      problem: { code: 'NOT_AUTHORISED' },
    });
    expect(decideExportFilingRight(broker, undefined, null)).toMatchObject({
      problem: { code: 'EXPORTER_REQUIRED' },
    });
  });
});

describe('direction rules of a filing', () => {
  it('lists every mismatch of role, direction and port at once', () => {
    expect(directionProblems({ exporterId: 'X' }, exporter).map((p) => p.code)).toEqual([
      'EXPORTER_IMPORTS',
      'EXPORTER_ON_IMPORT',
    ]);
    expect(directionProblems({ direction: 'export', portOfLoading: 'DEHAM' }, exporter)).toEqual([
      expect.objectContaining({ path: 'portOfLoading', code: 'PORT_OF_LOADING_NOT_CN' }),
    ]);
    expect(directionProblems({ direction: 'export', portOfLoading: 'CNSZX' }, broker)).toEqual([]);
    expect(directionProblems({ portOfLoading: 'DEHAM' }, broker)).toEqual([]);
  });
});
