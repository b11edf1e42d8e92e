import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Direction, RiskChannel } from '@tongguan/contracts';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';
import type { TraderStatus } from '@tongguan/agencies';
import type { DutyAssessment } from '../duty/duty-calculator';
import type { VatRebate } from '../exports/vat-rebates';
import type { ApprovalOnRecord } from './approvals';
import type { InspectionResultFact } from './declaration-lifecycle';
import type { DeclarationStatus } from './declaration-status';
import type { SettlementOnRecord } from './duty-coverage';
import type { LodgeDeclarationDto } from './lodge-declaration.dto';

export interface StatusChange {
  status: DeclarationStatus;
  at: Date;
  by: string;
  reason: string;
}

export interface GreenChannelGrounds {
  basis?: 'aeo' | 'major-project';
  /** The certificate or project code the benefit rests on. */
  reference?: string;
  /** Why a claim in the filing earned nothing. */
  notes: string[];
  /** The filing's claims the register confirmed: all DeclarationAccepted/Amended name. */
  confirmed: { aeoTraderId?: string; majorProjectCode?: string };
}

@Schema({ collection: 'declarations', timestamps: true, versionKey: false })
export class Declaration implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  /** The owner: the consignee the manifest names (it pays, collects, answers notices). */
  @Prop({ required: true, index: true }) importerId: string;
  /** Who lodged it: the consignee, or a broker it authorised. */
  @Prop() filerId?: string;
  @Prop({ type: String, required: true }) status: DeclarationStatus;
  /** 'export' for an export declaration, whose importerId then names the exporter; absent: an import. */
  @Prop({ type: String }) direction?: Direction;
  /** Export: the rebate rate of each line and the VAT-rebate flag (出口退税). */
  @Prop({ type: MongooseSchema.Types.Mixed }) vatRebate?: VatRebate;
  /** Export: the terminal let the goods in (ExportGateInRecorded); release for loading waits for it. */
  @Prop() goodsAtPort?: boolean;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) statusHistory: StatusChange[];
  /** The filing as lodged (validated, whitelisted). */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) filing: LodgeDeclarationDto;
  /** Earned from the green-channel register for the importer, never from what the filing says. */
  @Prop({ required: true }) greenChannel: boolean;
  /** What the register decided for the current version: the basis, its reference and why a claim earned nothing. */
  @Prop({ type: MongooseSchema.Types.Mixed }) greenChannelGrounds?: GreenChannelGrounds;
  /** The trader status routing read: 'aeo', 'major-project' or 'standard'. */
  @Prop({ type: String }) traderStatus?: TraderStatus;
  /** The trade mode (贸易方式) of the current version; 0110 general trade when the filing states none. */
  @Prop() tradeMode?: string;
  /** The agency approvals the routing rules require of the current version (see approvals). */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) approvals: ApprovalOnRecord[];
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) duty: DutyAssessment;
  @Prop({ type: String }) riskChannel?: RiskChannel;
  /** The inspection task of the current version: results of an older version's task are stale. */
  @Prop() inspectionTaskId?: string;
  /** Results that came before the RiskAssessed naming their task (see DeclarationState). */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: undefined })
  earlyInspectionResults?: InspectionResultFact[];
  /** 1 as lodged; each amendment adds one and keeps the replaced version in `versions`. */
  @Prop({ default: 1 }) version: number;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) versions: Record<string, unknown>[];
  /** Inspection cleared: GREEN channel, a passed check, or tacit approval. */
  @Prop({ default: false }) inspectionCleared: boolean;
  /** The settlements of this declaration (PaymentSettled naming its id), each once: see duty-coverage. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) settlements: SettlementOnRecord[];
  /** The settlements cover the current version's assessment. */
  @Prop({ default: false }) paid: boolean;
  /** A consolidated notice is waiting for the importer: no release until it is answered. */
  @Prop({ default: false }) noticePending: boolean;
  /** Notices answered so far; the next notice round is numbered from it. */
  @Prop({ default: 0 }) noticesAnswered: number;
  @Prop() releasedAt?: Date;
  /** Bumped by every write through the repository: the optimistic-concurrency guard. */
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const DeclarationSchema = withOutbox(SchemaFactory.createForClass(Declaration));
