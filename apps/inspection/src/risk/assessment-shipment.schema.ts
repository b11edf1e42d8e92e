import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The assessed declarations of one shipment, keyed by its shipmentId, so the shipment's latest
 * assessment is found by _id (a query on a secondary field scans on mongo-java-server).
 */
@Schema({ collection: 'risk_assessment_shipments', versionKey: false })
export class AssessmentShipment {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: [String], default: [] }) declarationIds: string[];
}

export const AssessmentShipmentSchema = SchemaFactory.createForClass(AssessmentShipment);
