import { accessTo, listScopeOf } from './vessel-call-access';

const call = { ownerPartyId: 'CARRIER-A' };

describe('accessTo', () => {
  it('makes the announcing party the owner, whether carrier or terminal', () => {
    expect(accessTo(call, { role: 'carrier', party: 'CARRIER-A' })).toBe('owner');
    expect(accessTo({ ownerPartyId: 'TERMINAL-1' }, { role: 'port', party: 'TERMINAL-1' })).toBe('owner');
  });

  it('hides a call from another carrier and from importers', () => {
    expect(accessTo(call, { role: 'carrier', party: 'CARRIER-B' })).toBe('none');
    expect(accessTo(call, { role: 'importer', party: 'CARRIER-A' })).toBe('none');
  });

  it('lets the terminal, customs and operations read any call without owning it', () => {
    expect(accessTo(call, { role: 'port', party: 'TERMINAL-1' })).toBe('reader');
    expect(accessTo(call, { role: 'customs', party: 'CARRIER-A' })).toBe('reader');
    expect(accessTo(call, { role: 'ops', party: 'OPS-1' })).toBe('reader');
  });

  it('gives a call stored without an owner to nobody', () => {
    expect(accessTo({}, { role: 'carrier', party: 'CARRIER-A' })).toBe('none');
    expect(accessTo({}, { role: 'port', party: 'TERMINAL-1' })).toBe('reader');
  });
});

describe('listScopeOf', () => {
  it('lists only its own calls to a carrier, every call to the others', () => {
    expect(listScopeOf({ role: 'carrier', party: 'CARRIER-A' })).toBe('CARRIER-A');
    expect(listScopeOf({ role: 'port', party: 'TERMINAL-1' })).toBeUndefined();
    expect(listScopeOf({ role: 'ops', party: 'OPS-1' })).toBeUndefined();
  });
});
