import { ApiProperty } from '@nestjs/swagger';
import { IsBlNumber } from '@tongguan/platform';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  Length,
  ValidateNested,
  registerDecorator,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { isValidContainerNumber, normaliseContainerNumber } from '@tongguan/contracts';

/** An ISO 6346 container number with a valid check digit (spaces and lower case normalised first). */
function IsContainerNumber(each = false): PropertyDecorator {
  // the document states the shape; the check digit is beyond a pattern (x-business-rules of the routes)
  const shape = { pattern: '^[A-Za-z]{3}[UJZujz][0-9]{7}$' };
  return (target, propertyName) => {
    JSONSchema(each ? { items: shape } : shape)(target, propertyName as string);
    registerDecorator({
      name: 'isContainerNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each, message: 'container numbers must be ISO 6346 with a valid check digit' },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidContainerNumber(value) },
    });
  };
}

const normalised = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? normaliseContainerNumber(v) : v))
    : typeof value === 'string'
      ? normaliseContainerNumber(value)
      : value;

export class ExportGateInDto {
  @ApiProperty({
    example: 'COSU8001234567',
    description: 'the export booking or B/L number the export declaration names',
  })
  @IsBlNumber()
  blNumber: string;

  @ApiProperty({ example: ['CSQU3054383'] })
  @Transform(normalised)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsContainerNumber(true)
  containerNumbers: string[];

  @ApiProperty({ example: '粤B12345' }) @IsString() @Length(2, 20) truckPlate: string;
}

export class LoadingListLineDto {
  @ApiProperty({ example: 'CSQU3054383' })
  @Transform(normalised)
  @IsContainerNumber()
  containerNumber: string;
  @ApiProperty({ example: 'COSU8001234567' }) @IsBlNumber() blNumber: string;
}

export class LoadingListDto {
  @ApiProperty({ type: [LoadingListLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(25_000)
  @ValidateNested({ each: true })
  @Type(() => LoadingListLineDto)
  containers: LoadingListLineDto[];
}
