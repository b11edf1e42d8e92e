import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import type { CloudEventMeta, FieldProblem } from '@tongguan/contracts';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { DeclarationRepository } from '../declarations/declaration.repository';
import { RELEASABLE } from '../declarations/declaration-status';
import { DeclarationTransitions } from '../declarations/declaration-transitions';
import type { NoticeAnswer } from './notice.dto';
import { NoticeRepository } from './notice.repository';
import type { Agency, Notice, NoticeItem } from './notice.schema';
import { answerLimit, answerOverdue, answerTiming } from './notice-timing';
import { WITHOUT_OUTBOX } from '@tongguan/persistence';

export interface DocumentRequest {
  agency: Agency;
  requestId: string;
  requestedBy: string;
  documents: { code: string; description: string }[];
}

@Injectable()
export class NoticesService implements OnModuleInit {
  constructor(
    private readonly notices: NoticeRepository,
    private readonly declarations: DeclarationRepository,
    private readonly transitions: DeclarationTransitions,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly registry: AgencyRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.relay.watch(this.notices.outboxModel);
  }

  /**
   * Adds an agency's request to the declaration's open notice (opening one if none is open). The
   * declaration says 'documents-required' and cannot be released until the notice is answered.
   */
  async addRequest(
    declarationId: string,
    request: DocumentRequest,
    at: Date,
    cause: Pick<CloudEventMeta, 'id' | 'correlationId'> = {
      id: request.requestId,
      correlationId: request.requestId,
    },
  ): Promise<Notice> {
    const declaration = await this.declarations.findById(declarationId, {
      status: 1,
      shipmentId: 1,
      importerId: 1,
      noticesAnswered: 1,
      greenChannel: 1,
    });
    if (!declaration) throw new NotFoundError('declaration', declarationId);
    if (!RELEASABLE.includes(declaration.status)) {
      throw new DomainError(
        'NOTICE.DECLARATION_CLOSED',
        `a ${declaration.status} declaration takes no requests`,
      );
    }
    // one deterministic id per notice round, so that a customs query and an inspection request arriving
    // together land in the same notice instead of each opening one
    const noticeId = `${declarationId}-${(declaration.noticesAnswered ?? 0) + 1}`;
    const open = await this.notices.findOpen(noticeId);
    if (open?.items.some((i) => i.agency === request.agency && i.requestId === request.requestId))
      return open;
    const items: NoticeItem[] = request.documents.map((d) => ({
      itemId: randomUUID(),
      agency: request.agency,
      requestId: request.requestId,
      code: d.code,
      description: d.description,
      requestedBy: request.requestedBy,
      requestedAt: at,
    }));
    const greenChannel = declaration.greenChannel === true;
    const { answerLimitHours, answerDueAt } = answerLimit(this.registry, at, greenChannel);
    const opening = {
      declarationId,
      shipmentId: declaration.shipmentId,
      importerId: declaration.importerId,
      openedAt: at,
      greenChannel,
      answerLimitHours,
    };
    if (!(await this.notices.addItems(noticeId, opening, answerDueAt, items))) {
      // the round was answered meanwhile: the caller retries into the next one
      throw new DomainError('NOTICE.CHANGED', 'the notice was answered meanwhile; ask again');
    }
    const wanted = items.map((i) => `${i.agency}: ${i.code}`).join(', ');
    const fact = {
      kind: 'documents-requested' as const,
      by: request.requestedBy,
      reason: `documents wanted: ${wanted}`,
    };
    await this.transitions.apply(declarationId, fact, { ...cause, time: at.toISOString() });
    return (await this.notices.findById(noticeId))!;
  }

  /**
   * The latest notice of a declaration (the open round, else the last answered) with when its answer
   * is due and whether that passed; an importer sees only its own.
   */
  async current(declarationId: string, reader: Principal) {
    const notice = await this.latest(declarationId, reader, false);
    if (!notice) throw new NotFoundError('notice', `of declaration ${declarationId}`);
    const answerIsOverdue = answerOverdue(notice, this.clock.now());
    return { id: notice._id, ...notice, answerOverdue: answerIsOverdue, revision: undefined, _id: undefined };
  }

  /** Notices are numbered per declaration round (`<declarationId>-<n>`), so this reads by _id. */
  private async latest(declarationId: string, reader: Principal, openOnly: boolean) {
    const declaration = await this.declarations.findById(declarationId, {
      importerId: 1,
      noticesAnswered: 1,
    });
    if (!declaration || (reader.role === 'importer' && declaration.importerId !== reader.party)) return null;
    const answered = declaration.noticesAnswered ?? 0;
    const open = await this.notices.findOpen(`${declarationId}-${answered + 1}`);
    if (open || openOnly || answered === 0) return open;
    return this.notices.findById(`${declarationId}-${answered}`, WITHOUT_OUTBOX);
  }

  /** The one resubmission: every item answered, or a 422 that lists each one missing or unknown. */
  async answer(declarationId: string, answers: NoticeAnswer[], importer: Principal) {
    const notice = await this.latest(declarationId, importer, true);
    if (!notice) throw new NotFoundError('open notice', `of declaration ${declarationId}`);
    const problems = answerProblems(notice.items, answers);
    if (problems.length > 0) {
      throw new DomainError(
        'NOTICE.INCOMPLETE',
        'the resubmission must answer every item of the notice',
        HttpStatus.UNPROCESSABLE_ENTITY,
        problems,
      );
    }
    const refOf = new Map(answers.map((a) => [a.itemId, a.documentRef]));
    const items = notice.items.map((i) => ({ ...i, documentRef: refOf.get(i.itemId) }));
    const event = this.events.create('DocumentsSubmitted', {
      shipmentId: notice.shipmentId,
      declarationId,
      importerId: notice.importerId,
      noticeId: notice._id,
      documents: items.map((i) => ({
        agency: i.agency,
        requestId: i.requestId,
        code: i.code,
        documentRef: i.documentRef!,
      })),
    });
    const at = new Date(event.time);
    const answered = { items, answeredAt: at, ...answerTiming(this.registry, notice, at) };
    if (!(await this.notices.answer(notice._id, answered, event)))
      throw new DomainError('NOTICE.CHANGED', 'the notice changed meanwhile; read it again');
    await this.reopenDeclaration(declarationId, importer.party, event);
    return this.current(declarationId, importer);
  }

  private async reopenDeclaration(declarationId: string, by: string, cause: CloudEventMeta): Promise<void> {
    await this.transitions.apply(declarationId, { kind: 'documents-submitted', by }, cause);
  }
}

function answerProblems(items: NoticeItem[], answers: NoticeAnswer[]): FieldProblem[] {
  const wanted = new Set(items.map((i) => i.itemId));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  answers.forEach((a, n) => {
    if (!wanted.has(a.itemId))
      problems.push({
        path: `documents.${n}.itemId`,
        code: 'UNKNOWN_ITEM',
        message: `${a.itemId} is not an item of this notice`,
      });
    else if (seen.has(a.itemId))
      problems.push({
        path: `documents.${n}.itemId`,
        code: 'DUPLICATE_ANSWER',
        message: `${a.itemId} is answered twice`,
      });
    seen.add(a.itemId);
  });
  for (const item of items) {
    if (!seen.has(item.itemId)) {
      problems.push({
        path: 'documents',
        code: 'MISSING_ANSWER',
        message: `${item.agency} asked for ${item.code} (${item.description}): item ${item.itemId}`,
      });
    }
  }
  return problems;
}
