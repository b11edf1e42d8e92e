import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { shipmentIdOf } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { DomainError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { BillsOfLadingService } from '../bills-of-lading/bills-of-lading.service';
import { CustomsHoldsService } from '../holds/customs-holds.service';
import { PickupsService } from '../pickups/pickups.service';
import { ReleasesRepository } from '../releases/releases.repository';
import { GateConfig } from './gate-config';
import type { GateInDto, GateInView } from './gate-in.dto';
import type { GateOutDto } from './gate-out.dto';
import { cargoNotHere, decideGateOut, type GateRefusalReason } from './gate-out-rule';
import { GateInRepository, GateRefusalRepository } from './gate-records.repository';

export interface GateOutOutcome {
  gateTransactionId: string;
  shipmentId: string;
  status: 'recorded';
  containerNumbers: string[];
  bookingId: string;
}

/**
 * The terminal gate. Cargo goes out only when it was discharged here, released by customs, under no
 * customs hold, and the truck is the one booked for it and comes in its pickup hour (with grace).
 */
@Injectable()
export class GatesService implements OnModuleInit {
  constructor(
    private readonly refusals: GateRefusalRepository,
    private readonly gateIns: GateInRepository,
    private readonly bills: BillsOfLadingService,
    private readonly releases: ReleasesRepository,
    private readonly holds: CustomsHoldsService,
    private readonly pickups: PickupsService,
    private readonly config: GateConfig,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.refusals.outboxModel);
    this.relay.watch(this.gateIns.outboxModel);
  }

  /** A truck enters to collect cargo that is here: discharged and not yet gone. */
  async gateIn(dto: GateInDto, correlationId?: string): Promise<GateInView> {
    const shipmentId = shipmentIdOf(dto.blNumber);
    const bill = await this.bills.find(shipmentId);
    const reasons = cargoNotHere(bill).map((reason) => reason.message);
    if (reasons.length > 0) {
      throw new DomainError(
        'GATE.IN_REFUSED',
        `gate-in refused: ${reasons.join('; ')}`,
        HttpStatus.CONFLICT,
        reasons.map((message) => ({ path: 'blNumber', code: 'GATE_IN_REFUSED', message })),
      );
    }
    const gateTransactionId = randomUUID();
    const event = this.events.create(
      'GateInRecorded',
      {
        shipmentId,
        gateTransactionId,
        truckPlate: dto.truckPlate,
        ...(dto.bookingId ? { bookingId: dto.bookingId } : {}),
      },
      { correlationId },
    );
    const at = new Date(event.time);
    await this.gateIns.insert(
      {
        _id: gateTransactionId,
        shipmentId,
        truckPlate: dto.truckPlate,
        ...(dto.bookingId ? { bookingId: dto.bookingId } : {}),
        at,
      },
      [event],
    );
    return {
      gateTransactionId,
      shipmentId,
      truckPlate: dto.truckPlate,
      ...(dto.bookingId ? { bookingId: dto.bookingId } : {}),
      status: 'recorded',
      at,
    };
  }

  async gateOut(dto: GateOutDto, correlationId?: string): Promise<GateOutOutcome> {
    const shipmentId = shipmentIdOf(dto.blNumber);
    const [bill, released, activeHolds, pickups] = await Promise.all([
      this.bills.find(shipmentId),
      this.releases.isReleased(shipmentId),
      this.holds.activeFor(shipmentId),
      this.pickups.activeFor(shipmentId),
    ]);
    const decision = decideGateOut({
      bill,
      released,
      activeHolds,
      pickups,
      truckPlate: dto.truckPlate,
      at: this.clock.now(),
      graceMinutes: this.config.GATE_PICKUP_GRACE_MINUTES,
    });
    const gateTransactionId = randomUUID();
    if (decision.allowed && bill) {
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
        return {
          gateTransactionId,
          shipmentId,
          status: 'recorded',
          containerNumbers: bill.containerNumbers,
          bookingId: decision.pickup.bookingId,
        };
      }
    }
    const reasons: GateRefusalReason[] = decision.allowed
      ? [{ code: 'ALREADY_LEFT', message: 'cargo already left the terminal' }]
      : decision.reasons;
    return this.refuse(shipmentId, gateTransactionId, dto.truckPlate, reasons, correlationId);
  }

  /** Keeps the refusal on record with its GateOutRefused, then answers 409 with every reason. */
  private async refuse(
    shipmentId: string,
    gateTransactionId: string,
    truckPlate: string,
    reasons: GateRefusalReason[],
    correlationId?: string,
  ): Promise<never> {
    const messages = reasons.map((r) => r.message);
    const refused = this.events.create(
      'GateOutRefused',
      { shipmentId, gateTransactionId, truckPlate, reasons: messages },
      { correlationId },
    );
    await this.refusals.insert(
      { _id: gateTransactionId, shipmentId, truckPlate, reasons: messages, at: new Date(refused.time) },
      [refused],
    );
    throw new DomainError(
      'GATE.OUT_REFUSED',
      `gate-out refused: ${messages.join('; ')}`,
      HttpStatus.CONFLICT,
      reasons.map(({ code, message }) => ({ path: 'blNumber', code, message })),
    );
  }
}
