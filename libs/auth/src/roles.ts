/**
 * Token roles. 'agency' is an officer of an approving agency that has no role of its own (party = the
 * agency id of the registry), 'supervisor' supervises one agency (party = its id): adding an agency to
 * the registry needs no new role.
 */
export const ROLES = [
  'importer',
  'exporter',
  'customs',
  'inspection',
  'port',
  'carrier',
  'ops',
  'agency',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling: the role claim and the party claim (for an importer or an exporter, its trader id).
 * A broker files under the importer role for whichever trader authorised it.
 */
export interface Principal {
  subject: string;
  role: Role;
  party: string;
}
