import { Injectable } from '@nestjs/common';
import type { IncomingEvent } from '@tongguan/messaging';
import { PickupBookingRepository } from './pickup-booking.repository';

export interface ActivePickup {
  bookingId: string;
  truckPlate: string;
  slotStart: Date;
  slotEnd: Date;
}

@Injectable()
export class PickupsService {
  constructor(private readonly pickups: PickupBookingRepository) {}

  async recordBooked(event: IncomingEvent<'PickupBooked'>): Promise<void> {
    const { bookingId, shipmentId, orderId, carrierId, truckPlate, terminal, slotStart, slotEnd } =
      event.payload;
    await this.pickups.record(bookingId, shipmentId, {
      $set: {
        shipmentId,
        orderId,
        carrierId,
        truckPlate,
        terminal,
        slotStart: new Date(slotStart),
        slotEnd: new Date(slotEnd),
        bookedAt: new Date(event.time),
      },
    });
  }

  /** Idempotent: the first cancellation time is kept. */
  async recordCancelled(event: IncomingEvent<'PickupCancelled'>): Promise<void> {
    const { bookingId, shipmentId, reason } = event.payload;
    await this.pickups.record(bookingId, shipmentId, {
      $set: { shipmentId },
      $min: { cancelledAt: new Date(event.time) },
      $setOnInsert: { cancelReason: reason },
    });
  }

  /** The shipment's bookings that are booked and not cancelled, by slot. */
  async activeFor(shipmentId: string): Promise<ActivePickup[]> {
    const bookings = await this.pickups.ofShipment(shipmentId);
    return bookings
      .filter((p) => !p.cancelledAt && p.slotStart && p.slotEnd)
      .sort((a, b) => (a.slotStart as Date).getTime() - (b.slotStart as Date).getTime())
      .map((p) => ({
        bookingId: p._id,
        truckPlate: p.truckPlate ?? '',
        slotStart: p.slotStart as Date,
        slotEnd: p.slotEnd as Date,
      }));
  }
}
