import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { IncomingEvent } from '@tongguan/messaging';
import type { Model } from 'mongoose';
import { GatePickupBooking } from './pickup-booking.schema';

export interface ActivePickup {
  bookingId: string;
  truckPlate: string;
  slotStart: Date;
  slotEnd: Date;
}

@Injectable()
export class PickupsService {
  constructor(@InjectModel(GatePickupBooking.name) private readonly pickups: Model<GatePickupBooking>) {}

  async recordBooked(event: IncomingEvent<'PickupBooked'>): Promise<void> {
    const { bookingId, shipmentId, orderId, carrierId, truckPlate, terminal, slotStart, slotEnd } =
      event.payload;
    await this.pickups.updateOne(
      { _id: bookingId },
      {
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
      },
      { upsert: true },
    );
  }

  /** Idempotent: the first cancellation time is kept. */
  async recordCancelled(event: IncomingEvent<'PickupCancelled'>): Promise<void> {
    const { bookingId, shipmentId, reason } = event.payload;
    await this.pickups.updateOne(
      { _id: bookingId },
      {
        $set: { shipmentId },
        $min: { cancelledAt: new Date(event.time) },
        $setOnInsert: { cancelReason: reason },
      },
      { upsert: true },
    );
  }

  /** The shipment's bookings that are booked and not cancelled. */
  async activeFor(shipmentId: string): Promise<ActivePickup[]> {
    const found = await this.pickups
      .find({ shipmentId, cancelledAt: null, slotStart: { $exists: true } })
      .sort({ slotStart: 1 })
      .limit(50)
      .lean();
    return found.map((p) => ({
      bookingId: p._id,
      truckPlate: p.truckPlate ?? '',
      slotStart: p.slotStart as Date,
      slotEnd: p.slotEnd as Date,
    }));
  }
}
