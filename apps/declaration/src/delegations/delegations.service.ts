import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { ManifestedBillRepository } from '../manifests/manifested-bill.repository';
import { decideExportFilingRight } from '../exports/export-filing-rules';
import {
  decideFilingRight,
  decideGrant,
  decideRevocation,
  grantProblems,
  type FilingRight,
} from './delegation-rules';
import { delegationId, type Delegation } from './delegation.schema';
import { DelegationRepository } from './delegation.repository';
import type { DelegationPage, DelegationView } from './delegation.dto';

/** A consignee's delegations to brokers, and the lodgement's question: may this party declare this B/L? */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly delegations: DelegationRepository,
    private readonly bills: ManifestedBillRepository,
    private readonly clock: Clock,
  ) {}

  /** The consignee (the caller) authorises a broker; granting an active delegation again changes nothing. */
  async grant(consignee: Principal, brokerPartyId: string): Promise<DelegationView> {
    const problems = grantProblems(consignee.party, brokerPartyId);
    if (problems.length > 0) {
      throw new DomainError(
        'DELEGATION.INVALID',
        'the delegation has problems; every one is listed',
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems,
      );
    }
    const id = delegationId(consignee.party, brokerPartyId);
    const at = this.clock.now();
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.delegations.findById(id);
      const grant = decideGrant(current, consignee.party, brokerPartyId, id, at);
      if (grant.kind === 'unchanged') return toView(current!);
      if (grant.kind === 'create' && !(await this.delegations.insert(grant.delegation))) continue;
      if (
        grant.kind === 'reactivate' &&
        !(await this.delegations.apply({ _id: id, revision: current!.revision }, { change: grant.change }))
      )
        continue;
      return toView((await this.delegations.findById(id))!);
    }
    throw new DomainError(
      'DELEGATION.CONCURRENT_CHANGE',
      `the delegation to ${brokerPartyId} kept changing; send the request again`,
      HttpStatus.CONFLICT,
    );
  }

  /** The consignee revokes a broker's delegation: from now on the broker's filings for it are refused. */
  async revoke(consignee: Principal, brokerPartyId: string): Promise<DelegationView> {
    const id = delegationId(consignee.party, brokerPartyId);
    const at = this.clock.now();
    const { current, applied } = await this.delegations.modify(id, (delegation) => {
      const change = decideRevocation(delegation, at);
      return change && { change };
    });
    // none was ever granted, or it is revoked already: nothing active to revoke
    if (!current || !applied) throw new NotFoundError('delegation', `to ${brokerPartyId} (active)`);
    return toView((await this.delegations.findById(id))!);
  }

  async list(consignee: Principal, page: number, pageSize: number): Promise<DelegationPage> {
    const { items, total } = await this.delegations.listOf(consignee.party, page, pageSize);
    return { items: items.map(toView), page, pageSize, total };
  }

  /** Whether `filer` may declare the B/L, and for whom (decideFilingRight); two reads by _id. */
  async filingRight(shipmentId: string, filerPartyId: string): Promise<FilingRight> {
    const bill = await this.bills.find(shipmentId);
    const owner = bill?.consigneePartyId;
    const delegation =
      owner && owner !== filerPartyId ? await this.delegations.find(owner, filerPartyId) : null;
    return decideFilingRight(shipmentId, bill, filerPartyId, delegation);
  }

  /** Whether `filer` may lodge an export for the exporter (decideExportFilingRight); one read by _id for a broker. */
  async exportFilingRight(filer: Principal, exporterId: string | undefined): Promise<FilingRight> {
    const delegation =
      filer.role !== 'exporter' && exporterId ? await this.delegations.find(exporterId, filer.party) : null;
    return decideExportFilingRight(filer, exporterId, delegation);
  }
}

function toView(delegation: Delegation): DelegationView {
  return {
    id: delegation._id,
    consigneePartyId: delegation.consigneePartyId,
    brokerPartyId: delegation.brokerPartyId,
    status: delegation.active ? 'active' : 'revoked',
    grantedAt: delegation.grantedAt,
    ...(delegation.revokedAt ? { revokedAt: delegation.revokedAt } : {}),
  };
}
