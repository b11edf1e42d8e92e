import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARTY_ID_PATTERN } from '@tongguan/contracts';
import { PageQuery } from '@tongguan/platform';
import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';

const partyId = (property: string) =>
  Matches(PARTY_ID_PATTERN, {
    message: `${property} must be a party id: 1-64 letters, digits, dots, dashes or underscores`,
  });

export class GrantDelegationDto {
  @ApiProperty({
    example: 'BROKER-7',
    description: "the broker's party id (the party claim of its importer token)",
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @partyId('brokerPartyId')
  brokerPartyId: string;
}

export class BrokerParam {
  @ApiProperty({ example: 'BROKER-7' }) @partyId('brokerPartyId') brokerPartyId: string;
}

export class ListDelegationsQuery extends PageQuery {}

export class DelegationView {
  @ApiProperty({ example: 'TRADER-1|BROKER-7' }) id: string;
  @ApiProperty({ example: 'TRADER-1' }) consigneePartyId: string;
  @ApiProperty({ example: 'BROKER-7' }) brokerPartyId: string;
  @ApiProperty({ enum: ['active', 'revoked'] }) status: 'active' | 'revoked';
  @ApiProperty() grantedAt: Date;
  @ApiPropertyOptional() revokedAt?: Date;
}

export class DelegationPage {
  @ApiProperty({ type: [DelegationView] }) items: DelegationView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
