import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CUSTOMS_CODE_PATTERN,
  SOCIAL_CREDIT_CODE_PATTERN,
  socialCreditCodeProblem,
} from '@tongguan/contracts';
import { IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';

/** The unified social credit code, check character included: the message names the expected one. */
function IsSocialCreditCode(): PropertyDecorator {
  return ValidateBy({
    name: 'isSocialCreditCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && socialCreditCodeProblem(value) === null,
      defaultMessage: (args) =>
        typeof args?.value === 'string'
          ? (socialCreditCodeProblem(args.value) ?? '')
          : 'socialCreditCode must be a string',
    },
  });
}

const SOCIAL_CREDIT_CODE = {
  example: '91440300MA5FUBQ07M',
  pattern: SOCIAL_CREDIT_CODE_PATTERN.source,
  description:
    'Unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters with its check character',
};

/** A consignor or consignee (境外/境内收发货人). */
export class PartyDto {
  @ApiProperty({ example: 'ACME GMBH' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty({ example: 'DE', pattern: '^[A-Z]{2}$' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code' })
  country: string;

  @ApiPropertyOptional({
    ...SOCIAL_CREDIT_CODE,
    description: `${SOCIAL_CREDIT_CODE.description}; required of a party in CN`,
  })
  @IsOptional()
  @IsSocialCreditCode()
  socialCreditCode?: string;
}

/**
 * A party registered with Chinese customs: the trader (境内收发货人, the importer or exporter liable
 * for the declaration) and the declarant (申报单位, the broker or trader that lodges it).
 */
export class RegisteredPartyDto {
  @ApiProperty({ example: 'SHENZHEN TRADING CO' }) @IsString() @Length(1, 200) name: string;
  @ApiProperty(SOCIAL_CREDIT_CODE) @IsSocialCreditCode() socialCreditCode: string;
  @ApiProperty({
    example: '4403160ABC',
    pattern: CUSTOMS_CODE_PATTERN.source,
    description:
      'Customs code (海关编码) of the enterprise: 4 digits of the area of registration, then 6 letters or digits',
  })
  @Matches(CUSTOMS_CODE_PATTERN, {
    message: 'customsCode must be 10 characters: 4 digits, then 6 capitals or digits',
  })
  customsCode: string;
}
