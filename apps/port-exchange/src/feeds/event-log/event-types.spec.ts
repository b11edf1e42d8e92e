import { Events } from '@tongguan/contracts';
import { ALL_EVENT_NAMES, resolveEventTypes } from './event-types';

describe('resolveEventTypes', () => {
  it('accepts short names and CloudEvents types, keeps order and drops repeats', () => {
    const { types, problems } = resolveEventTypes([
      'CargoArrived',
      Events.ShipmentReleased.type,
      ' CargoArrived ',
      Events.CargoArrived.type,
    ]);
    expect(problems).toEqual([]);
    expect(types).toEqual([Events.CargoArrived.type, Events.ShipmentReleased.type]);
  });

  it('reports every entry that names no event, with its position', () => {
    const { problems } = resolveEventTypes([
      'CargoArrived',
      'CargoLost',
      42,
      'tongguan.port.CargoArrived.v9',
    ]);
    expect(problems).toEqual([
      { index: 1, value: 'CargoLost' },
      { index: 2, value: 42 },
      { index: 3, value: 'tongguan.port.CargoArrived.v9' },
    ]);
  });

  it('lists every event of the catalog', () => {
    expect(ALL_EVENT_NAMES).toHaveLength(Object.keys(Events).length);
  });
});
