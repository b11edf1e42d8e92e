import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@tongguan/auth';
import { CorrelationId, ShipmentIdPipe } from '@tongguan/platform';
import { BillOfLadingPage, BillOfLadingView, ListBillsOfLadingQuery } from './bill-of-lading.views';
import { BillsOfLadingService } from './bills-of-lading.service';
import {
  FileManifestDto,
  ListConflictsQuery,
  ManifestConflictPage,
  ManifestFiled,
  WithdrawLineDto,
} from './manifest.dto';

@ApiTags('manifests')
@Controller('v1')
export class BillsOfLadingController {
  constructor(private readonly bills: BillsOfLadingService) {}

  @Post('vessel-calls/:id/manifest')
  @Roles('port', 'carrier')
  @ApiOperation({
    summary: 'File (or complete) the manifest of a vessel call: its bills of lading, all or nothing',
    description:
      'Only the party that announced the call files on it. Each line names the consignee party (consigneePartyId): ' +
      'only that party, or a broker it authorised, may declare the B/L. Container numbers must carry a valid ' +
      'ISO 6346 check digit. Filing the same lines again changes nothing; a line may be amended until its ' +
      "discharge begins. A B/L number belongs to the first manifest that files it: another party's filing of it " +
      'is refused (ALREADY_MANIFESTED, naming neither the holder nor its call) and shown to operations as a ' +
      'conflict. For thousands of B/Ls use manifest-uploads.',
  })
  // the body is checked by checkManifestLine, which lists every problem including each bad container
  @ApiBody({ type: FileManifestDto })
  @ApiCreatedResponse({ type: ManifestFiled })
  @ApiNotFoundResponse({ description: "VESSEL CALL.NOT_FOUND, also for another carrier's call" })
  @ApiForbiddenResponse({ description: "VESSEL_CALL.NOT_OWNER: the terminal on another party's call" })
  @ApiUnprocessableEntityResponse({
    description:
      'MANIFEST.REJECTED with every problem, e.g. CONTAINER_CHECK_DIGIT, DUPLICATE_IN_MANIFEST, ALREADY_MANIFESTED',
  })
  fileManifest(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() filer: Principal,
  ): Promise<ManifestFiled> {
    return this.bills.fileManifest(id, body, filer);
  }

  @Get('vessel-calls/:id/bills-of-lading')
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({
    summary: 'The manifest of a vessel call, page by page, in B/L number order (withdrawn lines left out)',
  })
  @ApiOkResponse({ type: BillOfLadingPage })
  list(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ListBillsOfLadingQuery,
    @CurrentPrincipal() reader: Principal,
  ) {
    return this.bills.listOfCall(id, query, reader);
  }

  @Get('bills-of-lading/:blNumber')
  @Roles('port', 'carrier', 'customs', 'ops')
  @ApiOperation({ summary: 'One bill of lading with its containers and discharge state' })
  @ApiOkResponse({ type: BillOfLadingView })
  @ApiNotFoundResponse({ description: "BILL OF LADING.NOT_FOUND, also for another carrier's B/L" })
  get(@Param('blNumber', ShipmentIdPipe) blNumber: string, @CurrentPrincipal() reader: Principal) {
    return this.bills.get(blNumber, reader);
  }

  @Post('bills-of-lading/:blNumber/withdrawal')
  @HttpCode(200)
  @Roles('port', 'carrier', 'ops')
  @ApiOperation({
    summary: 'Withdraw a manifest line before its discharge: its owner, or operations resolving a conflict',
    description:
      'Emits BillOfLadingWithdrawn: no declaration is taken for the B/L until a manifest files it again, which ' +
      'any party may then do.',
  })
  @ApiOkResponse({ type: BillOfLadingView })
  @ApiNotFoundResponse({ description: "BILL OF LADING.NOT_FOUND, also for another party's line" })
  @ApiConflictResponse({ description: 'BILL_OF_LADING.ALREADY_DISCHARGED' })
  withdraw(
    @Param('blNumber', ShipmentIdPipe) blNumber: string,
    @Body() dto: WithdrawLineDto,
    @CurrentPrincipal() who: Principal,
    @CorrelationId() correlationId?: string,
  ) {
    return this.bills.withdraw(blNumber, who, dto.reason, correlationId);
  }

  @Get('manifest-conflicts')
  @Roles('ops', 'customs')
  @ApiOperation({
    summary:
      "Refused filings of B/L numbers already on another party's manifest (possible squatting), newest first",
  })
  @ApiOkResponse({ type: ManifestConflictPage })
  conflicts(@Query() query: ListConflictsQuery) {
    return this.bills.listConflicts(query);
  }
}
