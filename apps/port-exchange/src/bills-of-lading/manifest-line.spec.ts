import { checkManifest, checkManifestLine } from './manifest-line';

const line = (overrides: Record<string, unknown> = {}) => ({
  blNumber: 'cosu6182736450',
  consignee: ' SHENZHEN TRADING CO ',
  consigneePartyId: ' TRADER-1 ',
  containerNumbers: ['csqu 305438 3', 'MSKU9070323'],
  packages: 120,
  grossWeightKg: 18250.5,
  ...overrides,
});

describe('checkManifestLine', () => {
  it('accepts a good line, normalising the B/L and container numbers', () => {
    expect(checkManifestLine(line())).toEqual({
      problems: [],
      line: {
        blNumber: 'COSU6182736450',
        consignee: 'SHENZHEN TRADING CO',
        consigneePartyId: 'TRADER-1',
        containerNumbers: ['CSQU3054383', 'MSKU9070323'],
        packages: 120,
        grossWeightKg: 18250.5,
      },
    });
  });

  it('names each container with a wrong check digit by its index and the digit it should have', () => {
    const { problems, line: checked } = checkManifestLine(
      line({ containerNumbers: ['CSQU3054383', 'CSQU3054384', 'MSKU9070320'] }),
    );
    expect(checked).toBeUndefined();
    expect(problems).toEqual([
      { path: 'containerNumbers.1', code: 'CONTAINER_CHECK_DIGIT', message: expect.stringMatching(/give 3/) },
      { path: 'containerNumbers.2', code: 'CONTAINER_CHECK_DIGIT', message: expect.stringMatching(/give 3/) },
    ]);
  });

  it('lists every problem of a line at once', () => {
    const { problems } = checkManifestLine(
      {
        blNumber: '',
        containerNumbers: ['XX', 'CSQU3054383', 'csqu3054383'],
        packages: 0,
        grossWeightKg: -1,
        colour: 'red',
      },
      'billsOfLading.3',
    );
    const found = problems.map((p) => `${p.path} ${p.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'billsOfLading.3.blNumber MATCHES',
        'billsOfLading.3.consignee IS_STRING',
        'billsOfLading.3.consigneePartyId MATCHES',
        'billsOfLading.3.packages MIN',
        'billsOfLading.3.grossWeightKg MIN',
        'billsOfLading.3.colour FIELD_NOT_ALLOWED',
        'billsOfLading.3.containerNumbers.0 CONTAINER_NUMBER_FORMAT',
        'billsOfLading.3.containerNumbers.2 DUPLICATE_CONTAINER',
      ]),
    );
  });

  it('refuses a consignee party id that is no party id', () => {
    const { problems } = checkManifestLine(line({ consigneePartyId: 'TRADER 1; DROP' }));
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(['consigneePartyId MATCHES']);
  });

  it('refuses a gross weight more than its containers can hold, and odd numbers', () => {
    const heavy = checkManifestLine(line({ grossWeightKg: 72_000.5 }));
    expect(heavy.problems.map((p) => p.code)).toEqual(['GROSS_WEIGHT_EXCEEDS_CONTAINERS']);
    expect(checkManifestLine(line({ grossWeightKg: 1.2345 })).problems[0].path).toBe('grossWeightKg');
    expect(checkManifestLine(line({ grossWeightKg: '100' })).problems[0].path).toBe('grossWeightKg');
    expect(checkManifestLine(line({ packages: 1.5 })).problems[0].path).toBe('packages');
    expect(checkManifestLine(line({ containerNumbers: [], grossWeightKg: 250_000 })).problems).toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(checkManifestLine('COSU1').problems[0].code).toBe('NOT_AN_OBJECT');
    expect(checkManifestLine(null).problems[0].code).toBe('NOT_AN_OBJECT');
  });
});

describe('checkManifest', () => {
  it('finds a B/L listed twice and bad lines, with their index', () => {
    const { problems } = checkManifest({
      billsOfLading: [line(), line({ blNumber: 'COSU6182736450', containerNumbers: ['CSQU3054384'] })],
    });
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'billsOfLading.1.containerNumbers.0 CONTAINER_CHECK_DIGIT',
      'billsOfLading.1.blNumber DUPLICATE_IN_MANIFEST',
    ]);
  });

  it('refuses an empty manifest and unknown fields', () => {
    expect(checkManifest({ billsOfLading: [], vessel: 'X' }).problems.map((p) => p.code)).toEqual([
      'FIELD_NOT_ALLOWED',
      'ARRAY_SIZE',
    ]);
    expect(checkManifest([]).problems[0].code).toBe('NOT_AN_OBJECT');
  });
});
