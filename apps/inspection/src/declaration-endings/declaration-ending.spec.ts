import { rejection, releaseRefusal, withdrawal } from './declaration-ending';

const subject = { shipmentId: 'COSU6182736450', declarationId: 'DEC-1', importerId: 'TRADER-1' };

describe('how a declaration ends the work open on it', () => {
  it('closes for good on a refused release, with every reason the declaration gave', () => {
    const reasons = [
      'licensing/licence-verification refused by licensing: no licence on file',
      'end-user certificate missing',
    ];
    expect(releaseRefusal({ ...subject, reasons })).toEqual({
      status: 'closed',
      reason:
        'release refused: licensing/licence-verification refused by licensing: no licence on file; ' +
        'end-user certificate missing',
    });
  });

  it('closes for good on a rejection at acceptance review, and on no other status change', () => {
    const reason = 'customs/acceptance-review refused by CUSTOMS-OFFICER: end-user certificate missing';
    expect(rejection({ ...subject, status: 'rejected', reason })).toEqual({
      status: 'closed',
      reason: `rejected at acceptance review: ${reason}`,
    });
    for (const status of ['documents-required', 'under-physical-check', 'accepted', 'goods-exited'] as const)
      expect(rejection({ ...subject, status, reason: 'on its way' })).toBeNull();
  });

  it("withdraws with the importer's reason", () => {
    expect(withdrawal({ ...subject, reason: 'sold in transit' })).toEqual({
      status: 'withdrawn',
      reason: 'the declaration was withdrawn: sold in transit',
    });
  });
});
