import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A consignee's standing authorisation of a customs broker to declare its B/Ls, one document per
 * consignee and broker (its _id: `<consignee>|<broker>`), so the lodgement reads it by _id. The
 * consignee alone grants and revokes it; a revoked one stays on record.
 */
@Schema({ collection: 'delegations', timestamps: true, versionKey: false })
export class Delegation {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) consigneePartyId: string;
  @Prop({ required: true }) brokerPartyId: string;
  @Prop({ required: true }) active: boolean;
  @Prop({ required: true }) grantedAt: Date;
  @Prop() revokedAt?: Date;
  @Prop() revision?: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export const DelegationSchema = SchemaFactory.createForClass(Delegation);

export function delegationId(consigneePartyId: string, brokerPartyId: string): string {
  return `${consigneePartyId}|${brokerPartyId}`;
}
