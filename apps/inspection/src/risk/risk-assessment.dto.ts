import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type RiskChannel } from '@tongguan/contracts';
import type { RiskAssessment } from './risk-assessment.schema';

/** What GET /v1/risk-assessments/:shipmentId answers: the assessment without its storage internals. */
export class RiskAssessmentView {
  @ApiProperty() assessmentId: string;
  @ApiProperty() declarationId: string;
  @ApiProperty({ example: 'COSU6182736450' }) shipmentId: string;
  @ApiProperty({ enum: CHANNELS }) channel: RiskChannel;
  @ApiProperty({ minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty() randomlySelected: boolean;
  @ApiProperty() greenChannel: boolean;
  @ApiProperty({ description: 'business time, RFC 3339' }) assessedAt: string;
  @ApiPropertyOptional({ description: "the document check or physical inspection; '' for GREEN" })
  taskId: string;

  static of(assessment: RiskAssessment): RiskAssessmentView {
    return {
      assessmentId: assessment.assessmentId,
      declarationId: assessment._id,
      shipmentId: assessment.shipmentId,
      channel: assessment.channel,
      score: assessment.score,
      reasons: assessment.reasons,
      randomlySelected: assessment.randomlySelected,
      greenChannel: assessment.greenChannel,
      assessedAt: new Date(assessment.assessedAt).toISOString(),
      taskId: assessment.taskId,
    };
  }
}
