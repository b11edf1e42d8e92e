import { isLimitsWhatIf, parseOptions } from './options';

describe('parseOptions', () => {
  it('defaults to continuous single-window traffic against the running platform', () => {
    const { options, problems } = parseOptions([]);
    expect(problems).toEqual([]);
    expect(options).toMatchObject({ scenario: 'single-window', compare: false, isolated: false });
    expect(options.shipments).toBeUndefined();
  });

  it('reads a replay with several --set overrides', () => {
    const { options, problems } = parseOptions([
      '--replay',
      'day.jsonl',
      '--set',
      'inspection.officers=2',
      '--set',
      'risk.redRate=0.1',
      '--speed',
      '3600',
    ]);
    expect(problems).toEqual([]);
    expect(options).toMatchObject({
      replay: 'day.jsonl',
      set: ['inspection.officers=2', 'risk.redRate=0.1'],
      speed: 3600,
    });
  });

  it('lists every problem of the command line at once', () => {
    const { problems } = parseOptions([
      '--shipments',
      '2.5',
      '--speed',
      'fast',
      '--colour',
      '--epoch',
      'monday',
      '--record',
    ]);
    expect(problems).toEqual([
      '--shipments: must be a whole number',
      '--speed: must be a number from 1 to 100000, got "fast"',
      '--colour: unknown option',
      '--epoch: must be an RFC 3339 instant, got "monday"',
      '--record: needs a value',
    ]);
  });

  it('refuses combinations that mean nothing', () => {
    expect(parseOptions(['--compare', '--record', 'x.jsonl']).problems).toHaveLength(1);
    expect(parseOptions(['--set', 'risk.redRate=0.1']).problems).toEqual([
      '--set: applies to a replay (--replay <file>); edit a scenario file for a new scenario',
    ]);
  });

  it('reads a what-if on the limits: a factor and single steps, checked against the registry', () => {
    const known = ['customs/acceptance-review', 'licensing/licence-verification', 'trader/payment'];
    const { options, problems } = parseOptions(
      ['--limits', '0.47', '--limit', 'licensing/licence-verification=8', '--report', 'out.json'],
      known,
    );
    expect(problems).toEqual([]);
    expect(options).toMatchObject({
      limits: 0.47,
      stepLimits: [{ owner: 'licensing', step: 'licence-verification', hours: 8 }],
      report: 'out.json',
    });
    expect(isLimitsWhatIf(options)).toBe(true);
    expect(isLimitsWhatIf(parseOptions([]).options)).toBe(false);
  });

  it('names the known steps when a --limit names another, and refuses a bad factor or a step twice', () => {
    const known = ['customs/acceptance-review', 'licensing/licence-verification'];
    const { problems } = parseOptions(
      [
        '--limit',
        'mint/coin=4',
        '--limits',
        '0',
        '--limit',
        'customs/acceptance-review=1',
        '--limit',
        'customs/acceptance-review=2',
        '--limit',
        'customs=1',
      ],
      known,
    );
    expect(problems).toEqual([
      '--limit mint/coin=4: mint/coin is not a step of the agency registry; known steps: customs/acceptance-review, licensing/licence-verification',
      '--limits: must be a number from 0.01 to 10, got "0"',
      '--limit customs/acceptance-review=2: customs/acceptance-review is given twice',
      '--limit customs=1: must be <agency>/<step>=<hours>, e.g. licensing/licence-verification=8',
    ]);
    expect(parseOptions(['--compare', '--limits', '0.47']).problems).toEqual([
      '--compare: runs both scenarios as they are; a what-if on the limits takes one --scenario',
    ]);
  });
});
