import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@tongguan/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { normaliseContainerNumber } from '@tongguan/contracts';

export class ListBillsOfLadingQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'only B/Ls whose cargo was (true) or was not yet (false) discharged' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  discharged?: boolean;

  @ApiPropertyOptional({ example: 'CSQU3054383', description: 'only B/Ls carrying this container' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseContainerNumber(value) : value,
  )
  @Matches(/^[A-Z]{4}\d{7}$/, { message: 'containerNumber must be 4 letters and 7 digits' })
  containerNumber?: string;
}

export class BillOfLadingView {
  @ApiProperty({ example: 'COSU6182736450', description: 'the shipmentId' }) _id: string;
  @ApiProperty({ example: 'COSU6182736450' }) blNumber: string;
  @ApiProperty({ format: 'uuid' }) vesselCallId: string;
  @ApiPropertyOptional({ example: 'CARRIER-COSCO', description: 'the party that owns the line' })
  carrierPartyId?: string;
  @ApiProperty({ example: 'SHENZHEN TRADING CO' }) consignee: string;
  @ApiPropertyOptional({ example: 'TRADER-1', description: 'the consignee party: the one that may declare' })
  consigneePartyId?: string;
  @ApiProperty({ example: ['CSQU3054383'] }) containerNumbers: string[];
  @ApiProperty({ example: 120 }) packages: number;
  @ApiProperty({ example: 18250.5 }) grossWeightKg: number;
  @ApiProperty({ example: ['CSQU3054383'] }) dischargedContainers: string[];
  @ApiPropertyOptional({ description: 'when the last of its containers was discharged [T0]' })
  dischargedAt?: Date;
  @ApiPropertyOptional() gateOutAt?: Date;
  @ApiPropertyOptional({ description: 'withdrawn from the manifest: the number is free again' })
  withdrawnAt?: Date;
  @ApiPropertyOptional() withdrawnBy?: string;
  @ApiPropertyOptional() withdrawalReason?: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class BillOfLadingPage {
  @ApiProperty({ type: [BillOfLadingView] }) items: BillOfLadingView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ContainerDischarged {
  @ApiProperty({ example: 'CSQU3054383' }) containerNumber: string;
  @ApiProperty({
    type: [BillOfLadingView],
    description: 'the B/Ls that carry the container, with their discharge state',
  })
  billsOfLading: BillOfLadingView[];
}
