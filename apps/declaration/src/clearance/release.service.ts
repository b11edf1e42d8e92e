import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEventMeta, RiskChannel } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { stageEvents, withState } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { Declaration, type StatusChange } from '../declarations/declaration.schema';
import { RELEASABLE, type DeclarationStatus } from '../declarations/declaration-status';
import { statusUpdate } from '../declarations/status-change';

/**
 * The customs release decision. Facts (risk channel, inspection outcome, payment) arrive as events in
 * any order; each is recorded, then release is attempted with one conditional update, so deciding
 * twice never releases twice.
 */
@Injectable()
export class ReleaseService {
  constructor(
    @InjectModel(Declaration.name) private readonly declarations: Model<Declaration>,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  async recordRisk(
    declarationId: string,
    channel: RiskChannel,
    taskId: string,
    cause: CloudEventMeta,
  ): Promise<void> {
    const declaration = await this.requireDeclaration(declarationId);
    const set = {
      riskChannel: channel,
      inspectionTaskId: taskId,
      ...(channel === 'GREEN' ? { inspectionCleared: true } : {}),
    };
    const reason = `risk channel ${channel}`;
    await this.declarations.updateOne(
      { _id: declarationId, riskChannel: { $exists: false } },
      channel === 'RED'
        ? statusUpdate(
            this.events,
            declaration,
            { status: 'under-physical-check', by: 'inspection', reason },
            cause,
            set,
          )
        : { $set: set, $push: { statusHistory: change(declaration.status, cause, 'inspection', reason) } },
    );
    this.relay.nudge();
    await this.releaseIfReady(declarationId, cause);
  }

  /** A result for the current version's task clears inspection; one for a task an amendment replaced is stale. */
  async recordInspectionCleared(
    declarationId: string,
    taskId: string,
    cause: CloudEventMeta,
    reason: string,
  ): Promise<void> {
    const declaration = await this.requireDeclaration(declarationId);
    const current = { _id: declarationId, inspectionTaskId: taskId, inspectionCleared: false };
    if (declaration.noticePending) {
      // while a notice waits for the importer the declaration keeps saying 'documents-required'
      await this.declarations.updateOne(
        { ...current, noticePending: true },
        { $set: { inspectionCleared: true } },
      );
    } else if (declaration.status === 'accepted') {
      await this.declarations.updateOne(
        { ...current, status: 'accepted' },
        {
          $set: { inspectionCleared: true },
          $push: { statusHistory: change('accepted', cause, 'inspection', reason) },
        },
      );
    } else {
      await this.declarations.updateOne(
        { ...current, status: { $in: RELEASABLE }, noticePending: { $ne: true } },
        statusUpdate(this.events, declaration, { status: 'accepted', by: 'inspection', reason }, cause, {
          inspectionCleared: true,
        }),
      );
      this.relay.nudge();
    }
    await this.releaseIfReady(declarationId, cause);
  }

  async refuse(
    declarationId: string,
    taskId: string,
    reasons: string[],
    cause: CloudEventMeta,
  ): Promise<void> {
    const declaration = await this.requireDeclaration(declarationId);
    const refused = this.events.create(
      'ReleaseRefused',
      { shipmentId: declaration.shipmentId, declarationId, importerId: declaration.importerId, reasons },
      { causedBy: cause },
    );
    await this.declarations.updateOne(
      { _id: declarationId, inspectionTaskId: taskId, status: { $in: RELEASABLE } },
      withState(
        stageEvents([refused]),
        { status: 'refused' },
        { statusHistory: change('refused', cause, 'customs', reasons.join('; ')) },
      ),
    );
    this.relay.nudge();
  }

  async recordPayment(shipmentId: string, cause: CloudEventMeta): Promise<void> {
    await this.declarations.updateMany({ shipmentId, paid: false }, { $set: { paid: true } });
    await this.release({ shipmentId }, cause);
  }

  async recordGateOut(shipmentId: string, cause: CloudEventMeta): Promise<void> {
    const released = await this.declarations
      .find({ shipmentId, status: 'released' }, { shipmentId: 1, importerId: 1 })
      .lean();
    for (const declaration of released) {
      await this.declarations.updateOne(
        { _id: declaration._id, status: 'released' },
        statusUpdate(
          this.events,
          declaration,
          { status: 'goods-exited', by: 'port', reason: 'cargo left the terminal' },
          cause,
        ),
      );
    }
    if (released.length > 0) this.relay.nudge();
  }

  /** A fact about a declaration this service never saw is an error: retried, then dead-lettered. */
  private async requireDeclaration(declarationId: string) {
    const declaration = await this.declarations
      .findById(declarationId, { shipmentId: 1, importerId: 1, status: 1, noticePending: 1 })
      .lean();
    if (!declaration) throw new Error(`declaration ${declarationId} unknown`);
    return declaration;
  }

  /** Releases the declaration if everything is there: accepted, inspection cleared, paid, nothing asked. */
  releaseIfReady(declarationId: string, cause: CloudEventMeta): Promise<void> {
    return this.release({ _id: declarationId }, cause);
  }

  private async release(
    which: { _id: string } | { shipmentId: string },
    cause: CloudEventMeta,
  ): Promise<void> {
    const ready = {
      ...which,
      status: { $in: RELEASABLE },
      noticePending: { $ne: true },
      inspectionCleared: true,
      paid: true,
      releasedAt: { $exists: false },
    };
    const candidate = await this.declarations.findOne(ready, { _id: 1, shipmentId: 1, importerId: 1 }).lean();
    if (!candidate) return;
    const released = this.events.create(
      'ShipmentReleased',
      { shipmentId: candidate.shipmentId, declarationId: candidate._id, importerId: candidate.importerId },
      { causedBy: cause },
    );
    await this.declarations.updateOne(
      { ...ready, _id: candidate._id },
      withState(
        stageEvents([released]),
        { status: 'released', releasedAt: new Date(released.time) },
        { statusHistory: change('released', cause, 'customs', 'accepted, inspection cleared and paid') },
      ),
    );
    this.relay.nudge();
  }
}

function change(status: DeclarationStatus, cause: CloudEventMeta, by: string, reason: string): StatusChange {
  return { status, at: new Date(cause.time), by, reason };
}
