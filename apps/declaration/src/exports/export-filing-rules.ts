import type { Principal } from '@tongguan/auth';
import type { FieldProblem } from '@tongguan/contracts';
import type { FilingRight } from '../delegations/delegation-rules';
import type { Delegation } from '../delegations/delegation.schema';
import type { LodgeDeclarationDto } from '../declarations/lodge-declaration.dto';

/**
 * Who may lodge an export declaration, as a pure decision. No manifest names an exporter before the
 * goods reach the port (exports are declared ahead of it), so the right rests on the token: the
 * exporter lodges its own, a broker names the exporter that authorised it (the same delegations a
 * consignee grants, granted by the exporter). The declaration belongs to the exporter either way.
 */
export function decideExportFilingRight(
  filer: Pick<Principal, 'role' | 'party'>,
  exporterId: string | undefined,
  delegation: Pick<Delegation, 'active'> | null,
): FilingRight {
  const refused = (code: string, message: string): FilingRight => ({
    kind: 'refused',
    problem: { path: 'exporterId', code, message },
  });
  if (filer.role === 'exporter') {
    if (exporterId !== undefined && exporterId !== filer.party) {
      return refused(
        'EXPORTER_MISMATCH',
        `an exporter lodges its own exports: leave exporterId out or name ${filer.party}`,
      );
    }
    return { kind: 'allowed', ownerPartyId: filer.party, asBroker: false };
  }
  if (exporterId === undefined) {
    return refused('EXPORTER_REQUIRED', 'a broker names the exporter it lodges the export declaration for');
  }
  if (delegation?.active) return { kind: 'allowed', ownerPartyId: exporterId, asBroker: true };
  return refused(
    'NOT_AUTHORISED',
    `the exporter ${exporterId} has not authorised ${filer.party} to declare for it`,
  );
}

/** Where the filing's direction and the filer's role do not go together (listed with every other deficiency). */
export function directionProblems(
  dto: Partial<LodgeDeclarationDto>,
  filer: Pick<Principal, 'role'>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const exporting = dto.direction === 'export';
  if (filer.role === 'exporter' && !exporting) {
    problems.push({
      path: 'direction',
      code: 'EXPORTER_IMPORTS',
      message: "an exporter lodges export declarations: set direction 'export'",
    });
  }
  if (!exporting && dto.exporterId !== undefined) {
    problems.push({
      path: 'exporterId',
      code: 'EXPORTER_ON_IMPORT',
      message: 'exporterId belongs to export declarations only',
    });
  }
  if (exporting && typeof dto.portOfLoading === 'string' && !dto.portOfLoading.startsWith('CN')) {
    problems.push({
      path: 'portOfLoading',
      code: 'PORT_OF_LOADING_NOT_CN',
      message: `goods exported through this window are loaded at a Chinese port, not ${dto.portOfLoading}`,
    });
  }
  return problems;
}
