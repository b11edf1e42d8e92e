import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One problem of a request, as the validation pipe and the filing validator list them. */
export class FieldProblemBody {
  @ApiProperty({ description: 'Where: a dotted path into the body or query (items.0.hsCode)' })
  path!: string;

  @ApiProperty({ description: 'Stable code of the problem (isNotEmpty, DECLARATION.HS_CODE_UNKNOWN...)' })
  code!: string;

  @ApiProperty()
  message!: string;
}

/** The one error body of every service (HttpExceptionFilter writes it; documented, not validated). */
export class ErrorBody {
  @ApiProperty({ description: 'Stable code: AUTH.TOKEN_MISSING, REQUEST.INVALID, GATE.NOT_RELEASED...' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiPropertyOptional({
    type: [FieldProblemBody],
    description: 'Every problem at once, when there are several',
  })
  errors?: FieldProblemBody[];

  @ApiProperty({ description: 'The x-correlation-id of the request (empty when none was set)' })
  correlationId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: '5xx only: the id under which the log holds the cause',
  })
  errorId?: string;
}
