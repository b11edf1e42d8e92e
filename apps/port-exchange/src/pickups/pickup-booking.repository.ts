import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { upsert } from '@tongguan/persistence';
import type { Model, UpdateQuery } from 'mongoose';
import { GatePickupBooking } from './pickup-booking.schema';
import { GatePickupShipment } from './pickup-shipment.schema';

/** More bookings than this for one shipment is not a real case; the gate weighs the latest. */
const MAX_BOOKINGS = 50;

/** The gate's read model of pickup bookings: written by _id, read by shipment through its index. */
@Injectable()
export class PickupBookingRepository {
  constructor(
    @InjectModel(GatePickupBooking.name) private readonly bookings: Model<GatePickupBooking>,
    @InjectModel(GatePickupShipment.name) private readonly shipments: Model<GatePickupShipment>,
  ) {}

  /** Sets facts of a booking (creating it), after naming it in its shipment's index. */
  async record(bookingId: string, shipmentId: string, update: UpdateQuery<GatePickupBooking>): Promise<void> {
    await upsert(this.shipments, { _id: shipmentId }, { $addToSet: { bookingIds: bookingId } });
    await upsert(this.bookings, { _id: bookingId }, update);
  }

  async ofShipment(shipmentId: string): Promise<GatePickupBooking[]> {
    const shipment = await this.shipments.findById(shipmentId, { bookingIds: 1 }).lean();
    if (!shipment?.bookingIds.length) return [];
    const ids = shipment.bookingIds.slice(-MAX_BOOKINGS);
    const bookings = await this.bookings.find({ _id: { $in: ids } }).lean<GatePickupBooking[]>();
    // the index may name a booking of another shipment only if a producer re-keyed it: trust the booking
    return bookings.filter((booking) => booking.shipmentId === shipmentId);
  }
}
