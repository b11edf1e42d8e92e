import { Inject, Injectable } from '@nestjs/common';
import {
  requiredApprovals,
  ROUTING_RULES,
  type RequiredApproval,
  type RoutingRule,
  type TraderStatus,
} from '@tongguan/agencies';
import type { PayloadInput } from '@tongguan/contracts';
import { GENERAL_TRADE } from '../code-lists/code-lists';
import type { AcceptedDataSet } from './assessed-filing';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

/**
 * The single window's routing: which agency steps must approve a version of a declaration, from its
 * lines (HS code, origin), its trade mode and the trader status the register gave the importer.
 */
@Injectable()
export class ApprovalRouting {
  constructor(@Inject(ROUTING_RULES) private readonly rules: readonly RoutingRule[]) {}

  required(filing: LodgeDeclarationDto, traderStatus: TraderStatus): RequiredApproval[] {
    const tradeMode = filing.tradeMode ?? GENERAL_TRADE;
    const direction = filing.direction ?? 'import';
    return requiredApprovals({ items: filing.items, tradeMode, traderStatus, direction }, this.rules);
  }
}

/** ApprovalsRequested of a version: every agency step it asks for at once, with the data they need. */
export function approvalsRequestedOf(
  d: { shipmentId: string; declarationId: string; importerId: string; tradeMode: string },
  version: number,
  accepted: AcceptedDataSet,
  approvals: RequiredApproval[],
): PayloadInput<'ApprovalsRequested'> {
  return {
    shipmentId: d.shipmentId,
    declarationId: d.declarationId,
    declarationVersion: version,
    importerId: d.importerId,
    greenChannel: accepted.greenChannel,
    tradeMode: d.tradeMode,
    currency: accepted.currency,
    items: accepted.items,
    approvals,
  };
}
