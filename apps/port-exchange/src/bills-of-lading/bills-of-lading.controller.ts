import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles } from '@tongguan/auth';
import { ShipmentIdPipe } from '@tongguan/platform';
import { BillOfLadingPage, BillOfLadingView, ListBillsOfLadingQuery } from './bill-of-lading.views';
import { BillsOfLadingService } from './bills-of-lading.service';
import { FileManifestDto, ManifestFiled } from './manifest.dto';

@ApiTags('manifests')
@Controller('v1')
export class BillsOfLadingController {
  constructor(private readonly bills: BillsOfLadingService) {}

  @Post('vessel-calls/:id/manifest')
  @Roles('port', 'carrier')
  @ApiOperation({
    summary: 'File (or complete) the manifest of a vessel call: its bills of lading, all or nothing',
    description:
      'Container numbers must carry a valid ISO 6346 check digit. Filing the same lines again changes nothing; ' +
      'a line may be amended until its discharge begins. For thousands of B/Ls use manifest-uploads.',
  })
  // the body is checked by checkManifestLine, which lists every problem including each bad container
  @ApiBody({ type: FileManifestDto })
  @ApiCreatedResponse({ type: ManifestFiled })
  @ApiNotFoundResponse({ description: 'VESSEL CALL.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({
    description:
      'MANIFEST.REJECTED with every problem, e.g. CONTAINER_CHECK_DIGIT, DUPLICATE_IN_MANIFEST, ALREADY_MANIFESTED',
  })
  fileManifest(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown): Promise<ManifestFiled> {
    return this.bills.fileManifest(id, body);
  }

  @Get('vessel-calls/:id/bills-of-lading')
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({ summary: 'The manifest of a vessel call, page by page, in B/L number order' })
  @ApiOkResponse({ type: BillOfLadingPage })
  list(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: ListBillsOfLadingQuery) {
    return this.bills.listOfCall(id, query);
  }

  @Get('bills-of-lading/:blNumber')
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({ summary: 'One bill of lading with its containers and discharge state' })
  @ApiOkResponse({ type: BillOfLadingView })
  @ApiNotFoundResponse({ description: 'BILL OF LADING.NOT_FOUND' })
  get(@Param('blNumber', ShipmentIdPipe) blNumber: string) {
    return this.bills.get(blNumber);
  }
}
