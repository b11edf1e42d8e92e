import { ApiProperty } from '@nestjs/swagger';

export class UploadProblem {
  @ApiProperty({ example: 'containerNumbers.1' }) path: string;
  @ApiProperty({ example: 'CONTAINER_CHECK_DIGIT' }) code: string;
  @ApiProperty({
    example: 'CSQU3054384: check digit is 4 but the owner code and serial give 3 (CSQU3054383)',
  })
  message: string;
}

export class RejectedRow {
  @ApiProperty({
    example: 7,
    description: '1-based number of the B/L in the file (header and blank lines not counted)',
  })
  row: number;
  @ApiProperty({ example: 8, description: 'line of the file where the row starts' }) line: number;
  @ApiProperty({ example: 'COSU6182736450', nullable: true, type: String }) blNumber: string | null;
  @ApiProperty({ type: [UploadProblem] }) errors: UploadProblem[];
}

export class ManifestUploadReport {
  @ApiProperty({ format: 'uuid' }) vesselCallId: string;
  @ApiProperty({ description: 'rows (B/Ls) in the file' }) received: number;
  @ApiProperty({ description: 'new B/Ls stored' }) stored: number;
  @ApiProperty({ description: 'B/Ls of this call changed by the file (not yet being discharged)' })
  amended: number;
  @ApiProperty({
    description: 'B/Ls already on record exactly so: an upload sent again stores nothing twice',
  })
  unchanged: number;
  @ApiProperty({ description: 'rows not stored (all of them, listed or not)' }) rejected: number;
  @ApiProperty({ description: 'problems found in the rejected rows (all of them, listed or not)' })
  problemCount: number;
  @ApiProperty({
    description:
      'true when errors lists only the first MANIFEST_UPLOAD_MAX_REPORTED_PROBLEMS problems: fix those and upload again',
  })
  errorsTruncated: boolean;
  @ApiProperty({
    type: [RejectedRow],
    description: 'the rejected rows with their first problems, in row order',
  })
  errors: RejectedRow[];
}
