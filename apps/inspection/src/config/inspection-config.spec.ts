import { loadInspectionConfig } from './inspection-config';

describe('loadInspectionConfig', () => {
  it('applies the defaults; task limits come from the agency registry unless set', () => {
    const config = { ...loadInspectionConfig({}) };
    expect(config).toEqual({
      RISK_RANDOM_RATE: 0.03,
      RISK_SEED: 'tongguan',
      INSPECTION_CALENDAR: 'working',
      DEADLINE_POLL_MS: 5_000,
    });
  });

  it('reads numbers from the environment', () => {
    const config = loadInspectionConfig({
      RISK_RANDOM_RATE: '0',
      INSPECTION_LIMIT_HOURS_RED: '2.5',
      DEADLINE_POLL_MS: '100',
      RISK_RULES_FILE: '/etc/rules.json',
      INSPECTION_CALENDAR: 'continuous',
      INSPECTION_CALENDAR_FILE: '/etc/calendar.json',
    });
    expect(config).toMatchObject({
      RISK_RANDOM_RATE: 0,
      INSPECTION_LIMIT_HOURS_RED: 2.5,
      DEADLINE_POLL_MS: 100,
      RISK_RULES_FILE: '/etc/rules.json',
      INSPECTION_CALENDAR: 'continuous',
      INSPECTION_CALENDAR_FILE: '/etc/calendar.json',
    });
  });

  it('names every bad setting at once', () => {
    expect(() =>
      loadInspectionConfig({
        RISK_RANDOM_RATE: '3',
        INSPECTION_LIMIT_HOURS_YELLOW: 'four',
        DEADLINE_POLL_MS: '0.5',
        INSPECTION_CALENDAR: 'lunar',
      }),
    ).toThrow(
      /RISK_RANDOM_RATE[\s\S]*INSPECTION_CALENDAR[\s\S]*INSPECTION_LIMIT_HOURS_YELLOW[\s\S]*DEADLINE_POLL_MS/,
    );
  });
});
