import { Controller, Get, HttpStatus, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AgencyRegistry } from '@tongguan/agencies';
import { DomainError, negotiateLocale, type Locale } from '@tongguan/platform';
import type { Request, Response } from 'express';
import { servedCodeLists, type ServedCodeList } from './served-code-lists';

/** The code lists and the agency registry's names, in the language Accept-Language prefers. */
@ApiTags('code-lists')
@Controller('v1/code-lists')
export class CodeListsController {
  private readonly lists: ReadonlyMap<string, ServedCodeList>;

  constructor(registry: AgencyRegistry) {
    const agencies: ServedCodeList = {
      id: 'agencies',
      source: 'the agency registry (config/agencies.json)',
      entries: registry.agencies.map((a) => ({ code: a.id, name: a.name })),
    };
    this.lists = new Map([...servedCodeLists(), agencies].map((list) => [list.id, list]));
  }

  @Get()
  @ApiOperation({ summary: 'The code lists served, each with its source and size' })
  index(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    localeOf(request, response);
    return {
      lists: [...this.lists.values()].map(({ id, source, entries }) => ({
        id,
        source,
        size: entries.length,
      })),
    };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One code list: each code with its name in zh-CN or en, as Accept-Language prefers',
    description: 'Content-Language says which. 404 CODE_LIST.NOT_FOUND for a list not served.',
  })
  list(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const list = this.lists.get(id);
    if (!list) {
      const shown = id.slice(0, 64);
      throw new DomainError('CODE_LIST.NOT_FOUND', `no code list ${shown}`, HttpStatus.NOT_FOUND, undefined, {
        id: shown,
      });
    }
    const locale = localeOf(request, response);
    return {
      id,
      locale,
      source: list.source,
      entries: list.entries.map(({ code, name }) => ({ code, name: name[locale] })),
    };
  }
}

function localeOf(request: Request, response: Response): Locale {
  const locale = negotiateLocale(request.headers['accept-language']);
  response.setHeader('Content-Language', locale);
  response.vary('Accept-Language');
  return locale;
}
