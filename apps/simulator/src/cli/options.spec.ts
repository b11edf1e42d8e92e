import { parseOptions } from './options';

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
});
