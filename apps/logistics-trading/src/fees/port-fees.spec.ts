import { parsePortFeeTariff } from './port-fee-tariff';
import { FeeCurrencyMismatchError, portFeeLines } from './port-fees';

const tariff = (
  fees: object[] = [
    { code: 'PORT_DOC', description: 'Document fee', basis: 'per-bill-of-lading', amountMinor: 45000 },
    {
      code: 'PORT_THC',
      description: 'Terminal handling charge',
      basis: 'per-bill-of-lading',
      amountMinor: 98000,
    },
  ],
) => parsePortFeeTariff({ tariffId: 'T-1', currency: 'CNY', fees });

const shipment = { shipmentId: 'COSU6182736450', currency: 'CNY' };

describe('portFeeLines', () => {
  it('charges every per-bill-of-lading fee once for the shipment, in tariff order', () => {
    expect(portFeeLines(tariff(), shipment)).toEqual([
      { code: 'PORT_DOC', description: 'Document fee', amountMinor: 45000 },
      { code: 'PORT_THC', description: 'Terminal handling charge', amountMinor: 98000 },
    ]);
  });

  it('keeps amounts in integer fen', () => {
    const lines = portFeeLines(tariff(), shipment);
    expect(lines.every((l) => Number.isSafeInteger(l.amountMinor))).toBe(true);
  });

  it('charges nothing when the tariff has no fees', () => {
    expect(portFeeLines(tariff([]), shipment)).toEqual([]);
  });

  it('refuses to add fees in another currency than the payment', () => {
    expect(() => portFeeLines(tariff(), { ...shipment, currency: 'USD' })).toThrow(FeeCurrencyMismatchError);
    expect(() => portFeeLines(tariff(), { ...shipment, currency: 'USD' })).toThrow(
      /tariffed in CNY .* in USD/,
    );
  });
});
