import { HttpStatus, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AgencyRegistry, GREEN_CHANNEL_SEED, type GreenChannelRegisterData } from '@tongguan/agencies';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { entryId, type GreenChannelEntry, type GreenChannelKind } from './green-channel-entry.schema';
import {
  customsLocalDate,
  decideRegistration,
  decideRevocation,
  decideSeeding,
  decideUnseeding,
  earnedGreenChannel,
  newEntry,
  REGISTER_FILE,
  seedEntries,
  validityProblems,
  type EarnedGreenChannel,
  type SeedEntry,
} from './green-channel-rules';
import type { AeoCertificateDto, ListGreenChannelQuery, MajorProjectDto } from './green-channel.dto';
import { GreenChannelRepository } from './green-channel.repository';

const SEED_PAGE = 500;

/**
 * The green-channel register: seeded from config/green-channel.json at boot, kept by operators over the
 * API, and asked at every lodgement what the importer has earned (two reads by _id).
 */
@Injectable()
export class GreenChannelService implements OnApplicationBootstrap {
  /** The customs calendar's offset: the lodgement's date is the customs-local date. */
  private readonly customsOffsetMinutes: number;

  constructor(
    private readonly entries: GreenChannelRepository,
    @Inject(GREEN_CHANNEL_SEED) private readonly seed: GreenChannelRegisterData,
    registry: AgencyRegistry,
    private readonly clock: Clock,
  ) {
    const calendar = registry.data.calendars.find((c) => c.id === registry.agency('customs')?.calendar);
    this.customsOffsetMinutes = calendar?.utcOffsetMinutes ?? 480;
  }

  /** Before the service takes requests: the file's entries in, those it dropped out, operators' left alone. */
  async onApplicationBootstrap(): Promise<void> {
    const at = this.clock.now();
    const seeded = seedEntries(this.seed);
    for (const entry of seeded) {
      if (await this.entries.insert(newEntry(entry, 'seed', REGISTER_FILE, at))) continue;
      await this.entries.modify(entry._id, (current) => {
        const change = decideSeeding(current, entry, at);
        return change && { change };
      });
    }
    const listed = new Set(seeded.map((e) => e._id));
    for (let page = 1; ; page++) {
      const { items } = await this.entries.list({ source: 'seed' }, page, SEED_PAGE);
      for (const item of items.filter((i) => !listed.has(i._id))) {
        await this.entries.modify(item._id, (current) => {
          const change = decideUnseeding(current, at);
          return change && { change };
        });
      }
      if (items.length < SEED_PAGE) break;
    }
  }

  customsDate(at: Date): string {
    return customsLocalDate(at, this.customsOffsetMinutes);
  }

  /** What a filing earns for its importer at `at`: the importer's certificate, or its project's entry. */
  async earned(
    claim: { importerId: string; aeoTraderId?: string; majorProjectCode?: string },
    at: Date,
  ): Promise<EarnedGreenChannel> {
    const [aeo, project] = await Promise.all([
      this.entries.find('aeo', claim.importerId),
      claim.majorProjectCode ? this.entries.find('major-project', claim.majorProjectCode) : null,
    ]);
    return earnedGreenChannel(aeo, project, { ...claim, on: this.customsDate(at) });
  }

  async list(query: ListGreenChannelQuery) {
    const criteria = {
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.partyId ? { partyId: query.partyId } : {}),
    };
    const { items, total } = await this.entries.list(criteria, query.page, query.pageSize);
    return { items: items.map((e) => entryView(e)), total, page: query.page, pageSize: query.pageSize };
  }

  /** One entry with every change made to it. */
  async one(kind: GreenChannelKind, key: string) {
    const entry = await this.entries.find(kind, key);
    if (!entry) throw new NotFoundError('green-channel entry', entryId(kind, key));
    return { ...entryView(entry), changes: entry.changes };
  }

  /** An importer's own standing: its certificate and the projects registered to it, valid today or not. */
  async mine(importer: Principal) {
    const on = this.customsDate(this.clock.now());
    const validToday = (e: GreenChannelEntry) => e.active && e.validFrom <= on && on <= e.validTo;
    const [aeo, projects] = await Promise.all([
      this.entries.find('aeo', importer.party),
      this.entries.list({ kind: 'major-project', partyId: importer.party }, 1, 100),
    ]);
    return {
      partyId: importer.party,
      on,
      aeo: aeo ? { ...entryView(aeo), validToday: validToday(aeo) } : null,
      majorProjects: projects.items.map((p) => ({ ...entryView(p), validToday: validToday(p) })),
    };
  }

  registerAeo(partyId: string, dto: AeoCertificateDto, operator: Principal) {
    const { certificate, level, validFrom, validTo } = dto;
    return this.register(
      {
        _id: entryId('aeo', partyId),
        kind: 'aeo',
        values: { partyId, certificate, level, validFrom, validTo },
      },
      operator,
    );
  }

  registerProject(code: string, dto: MajorProjectDto, operator: Principal) {
    const { partyId, name, validFrom, validTo } = dto;
    return this.register(
      {
        _id: entryId('major-project', code),
        kind: 'major-project',
        values: { code, partyId, name, validFrom, validTo },
      },
      operator,
    );
  }

  /** Revokes an active entry (kept, inactive, with its changes); revoking a revoked one changes nothing. */
  async revoke(kind: GreenChannelKind, key: string, operator: Principal) {
    const at = this.clock.now();
    const actor = { by: operator.party, role: operator.role };
    const { current } = await this.entries.modify(entryId(kind, key), (entry) => {
      const change = decideRevocation(entry, actor, at);
      return change && { change };
    });
    if (!current) throw new NotFoundError('green-channel entry', entryId(kind, key));
    return this.one(kind, key);
  }

  private async register(wanted: SeedEntry, operator: Principal) {
    const problems = validityProblems(wanted.values);
    if (problems.length > 0) {
      throw new DomainError(
        'REQUEST.INVALID',
        'the request has deficiencies; every one is listed',
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems,
      );
    }
    const at = this.clock.now();
    const actor = { by: operator.party, role: operator.role };
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.entries.findById(wanted._id);
      const registration = decideRegistration(current, wanted, actor, at);
      if (registration.kind === 'insert' && !(await this.entries.insert(registration.entry))) continue;
      if (
        registration.kind === 'change' &&
        !(await this.entries.apply(
          { _id: wanted._id, revision: current!.revision },
          { change: registration.change },
        ))
      )
        continue;
      const key = wanted.kind === 'aeo' ? wanted.values.partyId : (wanted.values as { code: string }).code;
      return this.one(wanted.kind, key);
    }
    throw new DomainError(
      'GREEN_CHANNEL.CONCURRENT_CHANGE',
      `the entry ${wanted._id} kept changing; send the request again`,
      HttpStatus.CONFLICT,
    );
  }
}

function entryView(e: GreenChannelEntry) {
  return {
    kind: e.kind,
    partyId: e.partyId,
    ...(e.kind === 'aeo' ? { certificate: e.certificate, level: e.level } : { code: e.code, name: e.name }),
    validFrom: e.validFrom,
    validTo: e.validTo,
    status: e.active ? ('active' as const) : ('revoked' as const),
    source: e.source,
    updatedAt: e.updatedAt,
  };
}
