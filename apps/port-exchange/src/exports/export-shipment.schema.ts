import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';

export interface ExportGateInOnRecord {
  gateTransactionId: string;
  containerNumbers: string[];
  truckPlate: string;
  at: Date;
}

/**
 * What the terminal knows of one export shipment (_id = shipmentId): the accepted export declaration
 * (DeclarationAccepted with direction export), customs' release for loading (ReleasedForLoading), and
 * the containers its gate let in, each gate-in stored with its ExportGateInRecorded.
 */
@Schema({ collection: 'export_shipments', versionKey: false })
export class ExportShipment implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) declarationId: string;
  @Prop({ required: true }) exporterId: string;
  @Prop({ required: true }) open: boolean;
  @Prop() closedReason?: string;
  @Prop({ required: true }) acceptedAt: Date;
  @Prop() releasedForLoadingAt?: Date;
  @Prop({ type: [String], default: [] }) containerNumbers: string[];
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) gateIns: ExportGateInOnRecord[];
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const ExportShipmentSchema = withOutbox(SchemaFactory.createForClass(ExportShipment));

/** Containers turned away at the export gate, each stored once with its ExportGateInRefused (the audit line). */
@Schema({ collection: 'export_gate_refusals', versionKey: false })
export class ExportGateRefusal implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ type: [String], default: [] }) containerNumbers: string[];
  @Prop({ required: true }) truckPlate: string;
  @Prop({ type: [String], default: [] }) reasons: string[];
  @Prop({ required: true }) at: Date;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const ExportGateRefusalSchema = withOutbox(SchemaFactory.createForClass(ExportGateRefusal));
