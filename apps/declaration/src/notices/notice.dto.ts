import { ApiProperty } from '@nestjs/swagger';
import { RequestedDocument } from '@tongguan/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';

/** Customs asks for documents (role customs); they join the declaration's open notice. */
export class CustomsQueryDto {
  @ApiProperty({
    type: [RequestedDocument],
    example: [{ code: 'COMMERCIAL_INVOICE', description: 'signed commercial invoice' }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RequestedDocument)
  documents: RequestedDocument[];
}

export class NoticeAnswer {
  @ApiProperty() @IsUUID() itemId: string;
  @ApiProperty({ example: 'DOC-2026-000123', description: 'reference of the uploaded or lodged document' })
  @IsString()
  @Length(1, 200)
  documentRef: string;
}

/** The one resubmission: an answer for every item of the notice, whichever agency asked. */
export class NoticeResponseDto {
  @ApiProperty({ type: [NoticeAnswer] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NoticeAnswer)
  documents: NoticeAnswer[];
}
