import { ConfigError } from '@tongguan/config';
import { loadGateConfig } from './gate-config';

describe('loadGateConfig', () => {
  it('gives trucks 60 minutes either side of their slot by default', () => {
    expect(loadGateConfig({}).GATE_PICKUP_GRACE_MINUTES).toBe(60);
  });

  it('reads GATE_PICKUP_GRACE_MINUTES', () => {
    expect(loadGateConfig({ GATE_PICKUP_GRACE_MINUTES: '15' }).GATE_PICKUP_GRACE_MINUTES).toBe(15);
  });

  it('stops the boot on a bad value, naming the setting', () => {
    for (const bad of ['-1', '1.5', 'soon', '2000']) {
      expect(() => loadGateConfig({ GATE_PICKUP_GRACE_MINUTES: bad })).toThrow(ConfigError);
      expect(() => loadGateConfig({ GATE_PICKUP_GRACE_MINUTES: bad })).toThrow(/GATE_PICKUP_GRACE_MINUTES/);
    }
  });
});
