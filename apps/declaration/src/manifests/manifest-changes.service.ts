import { Injectable, Logger } from '@nestjs/common';
import type { CloudEvent } from '@tongguan/contracts';
import { EventFactory } from '@tongguan/messaging';
import { DeclarationRepository } from '../declarations/declaration.repository';
import { DeclarationTransitions } from '../declarations/declaration-transitions';
import { orphanedBy } from './manifest-consignee-rule';
import { ManifestedBillRepository } from './manifested-bill.repository';
import type { ManifestFact } from './manifested-bill-rules';

/**
 * Folds a manifest fact in, then cancels the active declaration of a party the manifest no longer names
 * (rule in manifest-consignee-rule): as a withdrawal by customs, so every agency drops its open work and
 * the payment request goes. A released declaration stands (the cargo may have left): logged for ops.
 * Idempotent: a redelivered fact finds the declaration cancelled already.
 */
@Injectable()
export class ManifestChangesService {
  private readonly logger = new Logger(ManifestChangesService.name);

  constructor(
    private readonly bills: ManifestedBillRepository,
    private readonly declarations: DeclarationRepository,
    private readonly transitions: DeclarationTransitions,
    private readonly events: EventFactory,
  ) {}

  async record(shipmentId: string, fact: ManifestFact, event: CloudEvent): Promise<void> {
    await this.bills.record(shipmentId, fact);
    const active = await this.declarations.activeFor(shipmentId, { importerId: 1 });
    const reason = orphanedBy(active, await this.bills.find(shipmentId));
    if (!active || !reason) return;
    const withdrawn = this.events.create(
      'DeclarationWithdrawn',
      { shipmentId, declarationId: active._id, importerId: active.importerId, reason },
      { causedBy: event, decision: `manifest-orphaned:${active._id}` },
    );
    const applied = await this.transitions.apply(
      active._id,
      { kind: 'withdrawn', by: 'customs', reason },
      event,
      [withdrawn],
    );
    if (!applied) {
      this.logger.warn(
        `declaration ${active._id} of ${shipmentId} stands although ${reason}: it is past withdrawal`,
      );
    }
  }
}
