import { actsFor, supervises, type AgencyRegistry } from '@tongguan/agencies';

interface Caller {
  role: string;
  party: string;
}

/**
 * The agencies whose approval tasks the caller sees: ops sees every agency's, a supervisor its agency's,
 * an officer (actsFor: its role, and for role 'agency' its own agency id as party) its agencies'.
 */
export function visibleAgencies(caller: Caller, registry: AgencyRegistry): string[] {
  return registry.agencies
    .filter((a) => caller.role === 'ops' || supervises(caller, a.id) || actsFor(caller, a))
    .map((a) => a.id);
}

/** Whether the caller may decide the agency's step: its officers only (not ops, not supervisors). */
export function decidesFor(caller: Caller, agencyId: string, registry: AgencyRegistry): boolean {
  const agency = registry.agency(agencyId);
  return agency !== undefined && actsFor(caller, agency);
}
