import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PickupBooking, PickupBookingSchema } from './bookings/pickup-booking.schema';
import { PickupBookingsController } from './bookings/pickup-bookings.controller';
import { PickupBookingsService } from './bookings/pickup-bookings.service';
import { PickupBookingRepository } from './bookings/pickup-booking.repository';
import { TransportOrder, TransportOrderSchema } from './orders/transport-order.schema';
import { TransportOrdersController } from './orders/transport-orders.controller';
import { TransportOrdersService } from './orders/transport-orders.service';
import { TransportOrderRepository } from './orders/transport-order.repository';
import { PickupSlot, PickupSlotSchema } from './pickup-slots/pickup-slot.schema';
import { PickupSlotsController } from './pickup-slots/pickup-slots.controller';
import { PickupSlotsService } from './pickup-slots/pickup-slots.service';
import { PickupSlotRepository } from './pickup-slots/pickup-slot.repository';
import { loadPickupTerminals, PickupTerminals } from './pickup-slots/pickup-terminals';
import { TransportQuote, TransportQuoteSchema } from './quotes/transport-quote.schema';
import { TransportQuotesController } from './quotes/transport-quotes.controller';
import { TransportQuotesService } from './quotes/transport-quotes.service';
import { TransportQuoteRepository } from './quotes/transport-quote.repository';
import { ReleasedShipment, ReleasedShipmentSchema } from './releases/released-shipment.schema';
import { ReleasedShipmentsService } from './releases/released-shipments.service';
import { ReleasedShipmentRepository } from './releases/released-shipment.repository';
import { TransportReleasesEventsController } from './releases/releases.events.controller';

/** The transport marketplace: orders for released cargo, carrier quotes, bookings of terminal pickup hours. */
@Module({})
export class TransportModule {
  /** Reads the pickup-slot file before Nest builds anything, so a bad file stops the boot with its problems. */
  static fromEnvironment(): DynamicModule {
    return {
      module: TransportModule,
      imports: [
        MongooseModule.forFeature([
          { name: ReleasedShipment.name, schema: ReleasedShipmentSchema },
          { name: TransportOrder.name, schema: TransportOrderSchema },
          { name: TransportQuote.name, schema: TransportQuoteSchema },
          { name: PickupBooking.name, schema: PickupBookingSchema },
          { name: PickupSlot.name, schema: PickupSlotSchema },
        ]),
      ],
      controllers: [
        TransportReleasesEventsController,
        TransportOrdersController,
        TransportQuotesController,
        PickupBookingsController,
        PickupSlotsController,
      ],
      providers: [
        { provide: PickupTerminals, useValue: loadPickupTerminals() },
        ReleasedShipmentRepository,
        PickupSlotRepository,
        TransportOrderRepository,
        TransportQuoteRepository,
        PickupBookingRepository,
        ReleasedShipmentsService,
        PickupSlotsService,
        TransportOrdersService,
        TransportQuotesService,
        PickupBookingsService,
      ],
    };
  }
}
