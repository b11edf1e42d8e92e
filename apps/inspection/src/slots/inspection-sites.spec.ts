import { ConfigError } from '@tongguan/config';
import { loadInspectionSites, parseInspectionSites } from './inspection-sites';

describe('inspection sites', () => {
  it('loads the shipped file with its default site', () => {
    const sites = loadInspectionSites();
    expect(sites.site().greenReservedSlots).toBeLessThanOrEqual(sites.site().dailySlots);
  });

  it('lists every problem of a bad file at once', () => {
    const raw = {
      defaultSite: 'NOWHERE',
      sites: [
        { id: 'A', name: 'a', dailySlots: 2, greenReservedSlots: 5 },
        { id: 'b', name: '', dailySlots: 0 },
      ],
    };
    let error: unknown;
    try {
      parseInspectionSites(raw, 'sites.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const expected of [
      'sites.0.id',
      'sites.0.greenReservedSlots: more than the daily slots',
      'sites.1.id',
      'sites.1.name',
      'sites.1.dailySlots',
      'sites.1.greenReservedSlots',
      'defaultSite: NOWHERE is not one of the sites',
    ]) {
      expect(message).toContain(expected);
    }
  });
});
