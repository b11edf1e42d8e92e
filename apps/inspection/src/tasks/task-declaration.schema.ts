import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The inspection tasks of one declaration, keyed by its declarationId, so the event handlers that act
 * on "the declaration's tasks" (withdrawal, amendment, documents submitted) find them by _id instead of
 * scanning the tasks by a secondary field.
 */
@Schema({ collection: 'inspection_task_declarations', versionKey: false })
export class TaskDeclaration {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: [String], default: [] }) taskIds: string[];
}

export const TaskDeclarationSchema = SchemaFactory.createForClass(TaskDeclaration);
