import { orphanedBy } from './manifest-consignee-rule';

describe('orphanedBy', () => {
  const declaration = { importerId: 'TRADER-1' };

  it('keeps a declaration whose owner the manifest still names', () => {
    expect(orphanedBy(declaration, { consigneePartyId: 'TRADER-1', withdrawn: false })).toBeNull();
    expect(orphanedBy(null, { consigneePartyId: 'TRADER-2', withdrawn: false })).toBeNull();
  });

  it('orphans it when the consignee is amended to another party or the line is withdrawn', () => {
    expect(orphanedBy(declaration, { consigneePartyId: 'TRADER-2', withdrawn: false })).toMatch(
      /no longer names TRADER-1/,
    );
    expect(orphanedBy(declaration, { consigneePartyId: 'TRADER-1', withdrawn: true })).toMatch(/withdrawn/);
  });
});
