import type { AgencyDefinition } from './agency-registry';

interface Caller {
  role: string;
  party: string;
}

/** Whether the caller is an officer of the agency: its officer role, and for role 'agency' its own id as party. */
export function actsFor(caller: Caller, agency: Pick<AgencyDefinition, 'id' | 'officerRole'>): boolean {
  if (caller.role !== agency.officerRole) return false;
  return agency.officerRole !== 'agency' || caller.party === agency.id;
}

/** Whether the caller supervises the agency (role supervisor, party = the agency id). */
export function supervises(caller: Caller, agencyId: string): boolean {
  return caller.role === 'supervisor' && caller.party === agencyId;
}
