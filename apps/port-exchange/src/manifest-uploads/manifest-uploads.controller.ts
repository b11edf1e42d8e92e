import { Controller, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { ApiBusinessRules, DomainError } from '@tongguan/platform';
import type { Request } from 'express';
import { ManifestUploadReport } from './manifest-upload.report';
import { ManifestUploadsService, type UploadFormat } from './manifest-uploads.service';
import { MAX_UPLOAD_BYTES, readUploadText, UPLOAD_MEDIA_TYPES } from './upload-body';

const FORMATS: Record<string, UploadFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'json-lines',
  'application/jsonl': 'json-lines',
};

@ApiTags('manifests')
@Controller('v1/vessel-calls/:id/manifest-uploads')
export class ManifestUploadsController {
  constructor(private readonly uploads: ManifestUploadsService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Roles('port', 'carrier')
  @ApiOperation({
    summary: 'Upload a manifest file of many B/Ls: good rows are stored, bad rows reported by row number',
    description:
      'Only the party that announced the call uploads to it. ' +
      'CSV (RFC 4180, a header row naming blNumber, consignee, consigneePartyId, containerNumbers, packages, grossWeightKg; ' +
      'the containers of a B/L in one field separated by ";" or "|") or JSON lines (one B/L object per line, ' +
      `as in the JSON manifest). At most ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB. A B/L is stored whole or not at all; ` +
      'a B/L twice in the file or already on another call is a row error; sending the same file again stores nothing twice.',
  })
  @ApiConsumes(...UPLOAD_MEDIA_TYPES)
  @ApiBody({
    // a file, read as text in the charset it names; no JSON schema describes CSV or JSON lines
    schema: {
      type: 'string',
      format: 'binary',
      example:
        'blNumber,consignee,consigneePartyId,containerNumbers,packages,grossWeightKg\r\n' +
        'COSU6182736450,"SHENZHEN TRADING CO, LTD",TRADER-1,CSQU3054383;MSKU9070323,120,18250.5\r\n',
    },
  })
  @ApiOkResponse({ type: ManifestUploadReport })
  @ApiNotFoundResponse({ description: "VESSEL CALL.NOT_FOUND, also for another carrier's call" })
  @ApiPayloadTooLargeResponse({ description: 'MANIFEST_UPLOAD.TOO_LARGE, MANIFEST_UPLOAD.TOO_MANY_ROWS' })
  @ApiUnsupportedMediaTypeResponse({ description: 'MANIFEST_UPLOAD.UNSUPPORTED_MEDIA_TYPE' })
  @ApiUnprocessableEntityResponse({
    description: 'MANIFEST_UPLOAD.REJECTED: the file as a whole is unreadable (header, empty)',
  })
  @ApiBusinessRules(
    'the file must hold at least one bill of lading, each line valid (MANIFEST_UPLOAD.REJECTED)',
  )
  async upload(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Req() request: Request,
    @CurrentPrincipal() filer: Principal,
  ): Promise<ManifestUploadReport> {
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const format = FORMATS[mediaType];
    if (!format) {
      throw new DomainError(
        'MANIFEST_UPLOAD.UNSUPPORTED_MEDIA_TYPE',
        `send the manifest as ${UPLOAD_MEDIA_TYPES.join(' or ')}, not "${mediaType || 'no content type'}"`,
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      );
    }
    return this.uploads.upload(id, format, await readUploadText(request), filer);
  }
}
