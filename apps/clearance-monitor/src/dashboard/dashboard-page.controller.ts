import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@tongguan/auth';
import { DomainError } from '@tongguan/platform';
import type { Request, Response } from 'express';
import { DashboardAssets, type Asset } from './dashboard-assets';

/**
 * The page may only load its own files and talk to its own origin; the token that arrives once in
 * ?token= must not leak through a Referer header.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/** The operations dashboard: a public page (the data it reads stays role ops) and its static files. */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardPageController {
  constructor(private readonly assets: DashboardAssets) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The operations dashboard (HTML); it asks for an ops bearer token itself' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page' })
  page(@Req() request: Request, @Res() response: Response): void {
    this.send(this.assets.get('index.html'), 'index.html', request, response);
  }

  @Get('assets/:file')
  @Public()
  @ApiOperation({ summary: "The dashboard's scripts and styles" })
  @ApiParam({ name: 'file', example: 'app.js' })
  @ApiProduces('text/javascript', 'text/css')
  @ApiOkResponse({ description: 'The file' })
  @ApiNotFoundResponse({ description: 'No such file' })
  asset(@Param('file') file: string, @Req() request: Request, @Res() response: Response): void {
    this.send(this.assets.get(file), file, request, response);
  }

  private send(asset: Asset | undefined, name: string, request: Request, response: Response): void {
    if (!asset) {
      throw new DomainError(
        'DASHBOARD.FILE_NOT_FOUND',
        `the dashboard has no file ${name.slice(0, 100)}`,
        HttpStatus.NOT_FOUND,
      );
    }
    response.set({ ...SECURITY_HEADERS, 'content-type': asset.contentType, etag: asset.etag });
    if (request.headers['if-none-match'] === asset.etag) {
      response.status(304).end();
      return;
    }
    response.status(200).send(asset.body);
  }
}
