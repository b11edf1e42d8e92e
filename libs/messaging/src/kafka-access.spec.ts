import { Topics } from '@tongguan/contracts';
import { accessRules, producedTopics } from './kafka-access';

const allowed = (principal: string, operation: string, name: string) =>
  accessRules('p.').some(
    (r) =>
      r.principal === principal && r.operation === operation && r.name === name && r.resource === 'topic',
  );

describe('accessRules', () => {
  it('lets each service write only the topic of the events it produces', () => {
    expect(producedTopics('logistics-trading')).toEqual([Topics.logistics]);
    expect(allowed('logistics-trading', 'WRITE', 'p.logistics.events.v1')).toBe(true);
    for (const service of ['declaration', 'inspection', 'port-exchange', 'clearance-monitor']) {
      expect(allowed(service, 'WRITE', 'p.logistics.events.v1')).toBe(false);
    }
  });

  it('lets a service read what it consumes, in its own group, and dead-letter it', () => {
    expect(allowed('declaration', 'READ', 'p.logistics.events.v1')).toBe(true);
    expect(allowed('declaration', 'WRITE', 'p.logistics.events.v1.dlq')).toBe(true);
    expect(allowed('declaration', 'READ', 'p.declaration.events.v1')).toBe(false);
    const groups = accessRules('p.').filter((r) => r.resource === 'group' && r.principal === 'declaration');
    expect(groups).toEqual([
      {
        principal: 'declaration',
        resource: 'group',
        name: 'p.tongguan-declaration',
        pattern: 'literal',
        operation: 'READ',
      },
    ]);
  });

  it('lets only the redrive principal read dead letters back, and nobody create topics', () => {
    expect(allowed('dlq-redrive', 'READ', 'p.declaration.events.v1.dlq')).toBe(true);
    expect(allowed('dlq-redrive', 'WRITE', 'p.declaration.events.v1')).toBe(true);
    expect(allowed('clearance-monitor', 'READ', 'p.declaration.events.v1.dlq')).toBe(false);
    expect(accessRules().map((r) => r.operation)).not.toContain('CREATE');
  });
});
