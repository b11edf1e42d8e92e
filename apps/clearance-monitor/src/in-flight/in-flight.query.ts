import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldProblem } from '@tongguan/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const LIST_STATES = ['in-flight', 'at-risk', 'breached', 'released'] as const;
export type ListState = (typeof LIST_STATES)[number];

export class ShipmentListQuery {
  @ApiPropertyOptional({
    enum: LIST_STATES,
    default: 'in-flight',
    description:
      'in-flight: arrived, not released, not withdrawn; at-risk / breached: those of them in that SLA state; released: released (met or breached)',
  })
  @IsOptional()
  @IsIn(LIST_STATES)
  state?: ListState;

  @ApiPropertyOptional({ description: 'Lower bound (RFC 3339) on arrival, or on release for state=released' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Upper bound, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  cursor?: string;
}

export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.at !== 'string' || Number.isNaN(Date.parse(value.at)) || typeof value.id !== 'string') {
      return null;
    }
    return { at: value.at, id: value.id };
  } catch {
    return null;
  }
}

export function listProblems(query: ShipmentListQuery): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof query.cursor === 'string' && !decodeCursor(query.cursor)) {
    problems.push({
      path: 'cursor',
      code: 'CURSOR_INVALID',
      message: 'cursor must be a nextCursor this API gave',
    });
  }
  if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
    problems.push({ path: 'from', code: 'WINDOW_INVALID', message: 'from must be before to' });
  }
  return problems;
}
