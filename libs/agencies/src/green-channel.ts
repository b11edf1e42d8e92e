export interface AeoCertificate {
  partyId: string;
  certificate: string;
  level: 'advanced' | 'general';
  /** Calendar dates (YYYY-MM-DD), inclusive. */
  validFrom: string;
  validTo: string;
}

export interface MajorProject {
  code: string;
  partyId: string;
  name: string;
  validFrom: string;
  validTo: string;
}

export interface GreenChannelRegisterData {
  aeo: AeoCertificate[];
  majorProjects: MajorProject[];
}

export interface GreenChannelClaim {
  /** The declaration's owner: the consignee the manifest names. */
  importerId: string;
  /** What the filing says; earns nothing unless the register agrees for this importer. */
  aeoTraderId?: string;
  majorProjectCode?: string;
  /** The lodgement date, as YYYY-MM-DD in the customs time zone. */
  on: string;
}

export interface GreenChannelDecision {
  greenChannel: boolean;
  basis?: 'aeo' | 'major-project';
  /** The certificate or project code the benefit rests on. */
  reference?: string;
  /** Why a claim in the filing earned nothing, for the declaration's history. */
  notes: string[];
}

/**
 * The green channel is earned from the register: the importer holds an AEO certificate valid on the day,
 * or the filing names a major project registered to that importer and running on the day. A typed AEO
 * id or project code that the register does not tie to the importer earns nothing. Pure.
 */
export function decideGreenChannel(
  register: GreenChannelRegisterData,
  claim: GreenChannelClaim,
): GreenChannelDecision {
  const valid = (entry: { validFrom: string; validTo: string }) =>
    entry.validFrom <= claim.on && claim.on <= entry.validTo;
  const notes: string[] = [];
  const certificate = register.aeo.find((c) => c.partyId === claim.importerId && valid(c));
  if (claim.aeoTraderId && claim.aeoTraderId !== certificate?.certificate) {
    notes.push(
      `AEO id ${claim.aeoTraderId} is not a certificate of ${claim.importerId} valid on ${claim.on}: no benefit`,
    );
  }
  let project: MajorProject | undefined;
  if (claim.majorProjectCode) {
    project = register.majorProjects.find(
      (p) => p.code === claim.majorProjectCode && p.partyId === claim.importerId && valid(p),
    );
    if (!project) {
      notes.push(
        `major project ${claim.majorProjectCode} is not registered to ${claim.importerId} on ${claim.on}: no benefit`,
      );
    }
  }
  if (certificate) return { greenChannel: true, basis: 'aeo', reference: certificate.certificate, notes };
  if (project) return { greenChannel: true, basis: 'major-project', reference: project.code, notes };
  return { greenChannel: false, notes };
}
