import { InconsistentAssessmentError, paymentBill } from './payment-lines';

const duty = (overrides: object = {}) => ({
  shipmentId: 'COSU6182736450',
  dutyMinor: 123_45,
  vatMinor: 2_345_67,
  totalMinor: 2_469_12,
  ...overrides,
});
const fees = [
  { code: 'PORT_DOC', description: 'Document fee', amountMinor: 450_00 },
  { code: 'PORT_THC', description: 'Terminal handling charge', amountMinor: 980_00 },
];

describe('paymentBill', () => {
  it('bills duty, VAT and the port fees, totalling them in fen', () => {
    const bill = paymentBill(duty(), fees);
    expect(bill.lines.map((l) => [l.code, l.amountMinor])).toEqual([
      ['CUSTOMS_DUTY', 123_45],
      ['IMPORT_VAT', 2_345_67],
      ['PORT_DOC', 450_00],
      ['PORT_THC', 980_00],
    ]);
    expect(bill.totalMinor).toBe(2_469_12 + 1_430_00);
    expect(bill).toMatchObject({ dutiesAndTaxesMinor: 2_469_12, portFeesMinor: 1_430_00 });
  });

  it('keeps zero duty on the bill so the importer sees it was assessed', () => {
    const bill = paymentBill(duty({ dutyMinor: 0, totalMinor: 2_345_67 }), []);
    expect(bill.lines[0]).toEqual({ code: 'CUSTOMS_DUTY', description: 'Customs duty', amountMinor: 0 });
    expect(bill.totalMinor).toBe(2_345_67);
  });

  it('collects an assessed total above duty + VAT as other taxes instead of dropping it', () => {
    const bill = paymentBill(duty({ totalMinor: 2_469_12 + 500 }), []);
    expect(bill.lines.at(-1)).toEqual({
      code: 'OTHER_TAXES',
      description: 'Other assessed taxes',
      amountMinor: 500,
    });
    expect(bill.totalMinor).toBe(2_469_12 + 500);
  });

  it('refuses an assessment whose total is below duty + VAT', () => {
    expect(() => paymentBill(duty({ totalMinor: 1 }), fees)).toThrow(InconsistentAssessmentError);
  });
});
