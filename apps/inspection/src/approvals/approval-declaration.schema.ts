import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The approval tasks of one declaration, keyed by its declarationId, so a later version's request or the
 * declaration's end finds them by _id instead of scanning the tasks; the end (a withdrawal, a refused
 * release, a rejection) is marked here first, so a request redelivered after it opens nothing.
 */
@Schema({ collection: 'approval_declarations', versionKey: false })
export class ApprovalDeclaration {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: [String], default: [] }) taskIds: string[];
  @Prop() withdrawnAt?: Date;
  /** Customs refused release or rejected the filing (both final): nothing opens for it any more. */
  @Prop() closedAt?: Date;
}

export const ApprovalDeclarationSchema = SchemaFactory.createForClass(ApprovalDeclaration);
