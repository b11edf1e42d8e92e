import { HttpStatus, Injectable } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { DeclarationRepository } from '../declarations/declaration.repository';
import type { ListInquiriesQuery } from './inquiry.dto';
import { InquiryRepository } from './inquiry.repository';
import type { Inquiry, InquiryEvent } from './inquiry.schema';
import { answerTiming, inquiryLimit, isOverdue } from './inquiry-timing';

@Injectable()
export class InquiriesService {
  constructor(
    private readonly inquiries: InquiryRepository,
    private readonly declarations: DeclarationRepository,
    private readonly clock: Clock,
    private readonly registry: AgencyRegistry,
  ) {}

  /**
   * An importer asks about one of its own shipments (one it has declared). Its answer is due at the
   * registry's customs/inquiry-answer limit, the green channel's when the importer's declaration of
   * the shipment earned it.
   */
  async open(shipmentId: string, question: string, importer: Principal) {
    if (!(await this.declarations.declaredBy(shipmentId, importer.party))) {
      throw new NotFoundError('shipment', shipmentId);
    }
    const active = await this.declarations.activeFor(shipmentId, { importerId: 1, greenChannel: 1 });
    const greenChannel = active?.importerId === importer.party && active.greenChannel === true;
    const at = this.clock.now();
    const inquiry: Inquiry = {
      _id: randomUUID(),
      shipmentId,
      importerId: importer.party,
      question,
      status: 'open',
      openedAt: at,
      ...inquiryLimit(this.registry, at, greenChannel),
      history: [entry(at, importer, 'opened')],
    };
    await this.inquiries.insert(inquiry);
    return view(inquiry, at);
  }

  /** The first officer to claim it owns it; anyone later is told who does. */
  async claim(id: string, officer: Principal) {
    const at = this.clock.now();
    const claimed = await this.inquiries.move(
      id,
      { status: 'open' },
      { status: 'claimed', ownerId: officer.party, ownerRole: officer.role, claimedAt: at },
      entry(at, officer, 'claimed: owns the inquiry until it is answered'),
    );
    const current = await this.find(id);
    if (claimed || (current.ownerId === officer.party && current.status === 'claimed'))
      return view(current, at);
    throw new DomainError(
      'INQUIRY.ALREADY_OWNED',
      current.status === 'answered'
        ? 'the inquiry is already answered'
        : `the inquiry is owned by ${current.ownerRole} ${current.ownerId}`,
      HttpStatus.CONFLICT,
    );
  }

  /** Only the owner answers (having gathered what other agencies know); the answer closes the inquiry. */
  async answer(id: string, answer: string, officer: Principal) {
    const at = this.clock.now();
    // openedAt and dueAt never change, so the timing is decided on this read; the move guards the rest
    const timing = answerTiming(this.registry, await this.find(id), at);
    const answered = await this.inquiries.move(
      id,
      { status: 'claimed', ownerId: officer.party },
      { status: 'answered', answer, answeredAt: at, ...timing },
      entry(at, officer, 'answered'),
    );
    const current = await this.find(id);
    if (answered) return view(current, at);
    throw new DomainError(
      'INQUIRY.NOT_OWNER',
      current.status === 'open'
        ? 'claim the inquiry before answering it'
        : current.status === 'answered'
          ? 'the inquiry is already answered'
          : `only its owner (${current.ownerRole} ${current.ownerId}) answers it`,
      HttpStatus.CONFLICT,
    );
  }

  async get(id: string, reader: Principal) {
    const inquiry = await this.inquiries.findById(id);
    if (!inquiry || (reader.role === 'importer' && inquiry.importerId !== reader.party))
      throw new NotFoundError('inquiry', id);
    return view(inquiry, this.clock.now());
  }

  /** A reader's inquiries; `overdue` keeps the late ones (soonest due first), or leaves them out. */
  async list(query: ListInquiriesQuery, reader: Principal) {
    const criteria = {
      ...(reader.role === 'importer' ? { importerId: reader.party } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
    };
    const { page, pageSize, overdue } = query;
    const now = this.clock.now();
    const { items, total } =
      overdue === undefined
        ? await this.inquiries.list(criteria, page, pageSize)
        : await this.inquiries.listByLateness(criteria, { overdue, now }, page, pageSize);
    return { items: items.map((i) => view(i, now)), total, page, pageSize };
  }

  private async find(id: string): Promise<Inquiry> {
    const inquiry = await this.inquiries.findById(id);
    if (!inquiry) throw new NotFoundError('inquiry', id);
    return inquiry;
  }
}

function entry(at: Date, who: Principal, what: string): InquiryEvent {
  return { at, by: who.party, role: who.role, what };
}

/** The inquiry as readers see it, with whether it is overdue at `now`. */
function view({ _id, revision: _revision, ...inquiry }: Inquiry, now: Date) {
  return { id: _id, ...inquiry, overdue: isOverdue(inquiry, now) };
}
