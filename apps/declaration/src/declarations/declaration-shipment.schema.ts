import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The declarations of one shipment, keyed by its shipmentId, so that every lookup by shipment goes by
 * _id (a query on a secondary field scans on mongo-java-server, and is a bug on MongoDB too).
 * `active` is the one declaration that holds the B/L: claiming it is how two lodgements racing for
 * one B/L end with one declaration.
 */
@Schema({ collection: 'declaration_shipments', versionKey: false })
export class DeclarationShipment {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: String, default: null }) active: string | null;
  /** When `active` was claimed (wall clock): see shipment-claim. */
  @Prop() claimedAt?: Date;
  @Prop({ type: [String], default: [] }) declarationIds: string[];
}

export const DeclarationShipmentSchema = SchemaFactory.createForClass(DeclarationShipment);
