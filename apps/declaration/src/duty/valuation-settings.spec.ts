import { parseValuationSettings, VALUATION, VALUATION_METHODS } from './valuation-settings';

describe('valuation settings', () => {
  it('ships the 0.3% insurance default, a freight rate and the six valuation methods, transaction value first', () => {
    expect(VALUATION.insuranceRate).toBe('0.003');
    expect(VALUATION.freightRate).toMatch(/^0\.\d+$/);
    expect(VALUATION_METHODS).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(VALUATION.defaultMethod).toBe('1');
  });

  it('a settings file with several problems reports every one of them', () => {
    const raw = {
      insuranceRate: 0.003,
      freightRate: '3%',
      defaultMethod: '7',
      methods: [
        { code: '1', name: 'Transaction value', nameZh: '成交价格估价方法' },
        { code: '1', name: 'Again', nameZh: '重复' },
      ],
    };
    expect(() => parseValuationSettings(raw, 'valuation.json')).toThrow(
      [
        'valuation.json invalid:',
        '  insuranceRate: insuranceRate must be a decimal fraction written as a string, e.g. "0.003"',
        '  freightRate: freightRate must be a decimal fraction written as a string, e.g. "0.003"',
        '  methods.1.code: 1 appears twice',
        '  defaultMethod: 7 is not one of the methods',
      ].join('\n'),
    );
  });
});
