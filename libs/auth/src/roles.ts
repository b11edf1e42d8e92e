export const ROLES = ['importer', 'customs', 'inspection', 'port', 'carrier', 'ops'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the role claim and the party claim (for an importer, its trader id). */
export interface Principal {
  subject: string;
  role: Role;
  party: string;
}
