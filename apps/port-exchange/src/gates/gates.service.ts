import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { shipmentIdOf } from '@tongguan/contracts';
import { EventFactory, OutboxRelay, type OutboxModel } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { BillsOfLadingService } from '../bills-of-lading/bills-of-lading.service';
import { ReleasesService } from '../releases/releases.service';
import type { GateOutDto } from './gate-out.dto';
import { GateRefusal } from './gate-refusal.schema';

export interface GateOutOutcome {
  gateTransactionId: string;
  shipmentId: string;
  status: 'recorded';
  containerNumbers: string[];
}

/** The gate lets cargo out only when it was discharged here, released by customs and still inside. */
@Injectable()
export class GatesService implements OnModuleInit {
  constructor(
    @InjectModel(GateRefusal.name) private readonly refusals: Model<GateRefusal>,
    private readonly bills: BillsOfLadingService,
    private readonly releases: ReleasesService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.refusals as unknown as OutboxModel);
  }

  async gateOut(dto: GateOutDto, correlationId?: string): Promise<GateOutOutcome> {
    const shipmentId = shipmentIdOf(dto.blNumber);
    const bill = await this.bills.get(shipmentId).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    const reasons: string[] = [];
    if (!bill) reasons.push('bill of lading not manifested at this port');
    else if (!bill.dischargedAt) reasons.push('cargo not discharged');
    else if (bill.gateOutAt) reasons.push('cargo already left the terminal');
    if (!(await this.releases.isReleased(shipmentId))) reasons.push('not released by customs');

    const gateTransactionId = randomUUID();
    if (reasons.length === 0 && bill) {
      const event = this.events.create(
        'GateOutRecorded',
        {
          shipmentId,
          gateTransactionId,
          containerNumbers: bill.containerNumbers,
          truckPlate: dto.truckPlate,
        },
        { correlationId },
      );
      if (await this.bills.recordGateOut(shipmentId, event)) {
        return { gateTransactionId, shipmentId, status: 'recorded', containerNumbers: bill.containerNumbers };
      }
      reasons.push('cargo already left the terminal');
    }
    const refused = this.events.create(
      'GateOutRefused',
      { shipmentId, gateTransactionId, truckPlate: dto.truckPlate, reasons },
      { correlationId },
    );
    await this.refusals.create({
      _id: gateTransactionId,
      shipmentId,
      truckPlate: dto.truckPlate,
      reasons,
      at: new Date(refused.time),
      outbox: [refused],
      outboxPending: true,
    });
    this.relay.nudge();
    throw new DomainError(
      'GATE.OUT_REFUSED',
      `gate-out refused: ${reasons.join('; ')}`,
      HttpStatus.CONFLICT,
      reasons.map((message) => ({ path: 'blNumber', code: 'GATE_OUT_REFUSED', message })),
    );
  }
}
