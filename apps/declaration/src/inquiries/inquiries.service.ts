import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import { randomUUID } from 'node:crypto';
import { DeclarationRepository } from '../declarations/declaration.repository';
import type { ListInquiriesQuery } from './inquiry.dto';
import { InquiryRepository } from './inquiry.repository';
import type { Inquiry, InquiryEvent } from './inquiry.schema';

@Injectable()
export class InquiriesService {
  constructor(
    private readonly inquiries: InquiryRepository,
    private readonly declarations: DeclarationRepository,
    private readonly clock: Clock,
  ) {}

  /** An importer asks about one of its own shipments (one it has declared). */
  async open(shipmentId: string, question: string, importer: Principal) {
    if (!(await this.declarations.declaredBy(shipmentId, importer.party))) {
      throw new NotFoundError('shipment', shipmentId);
    }
    const at = this.clock.now();
    const inquiry: Inquiry = {
      _id: randomUUID(),
      shipmentId,
      importerId: importer.party,
      question,
      status: 'open',
      openedAt: at,
      history: [entry(at, importer, 'opened')],
    };
    await this.inquiries.insert(inquiry);
    return view(inquiry);
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
    if (claimed) return view(current);
    if (current.ownerId === officer.party && current.status === 'claimed') return view(current);
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
    const answered = await this.inquiries.move(
      id,
      { status: 'claimed', ownerId: officer.party },
      { status: 'answered', answer, answeredAt: at },
      entry(at, officer, 'answered'),
    );
    const current = await this.find(id);
    if (answered) return view(current);
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
    return view(inquiry);
  }

  async list(query: ListInquiriesQuery, reader: Principal) {
    const criteria = {
      ...(reader.role === 'importer' ? { importerId: reader.party } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.shipmentId ? { shipmentId: query.shipmentId } : {}),
    };
    const { items, total } = await this.inquiries.list(criteria, query.page, query.pageSize);
    return { items: items.map(view), total, page: query.page, pageSize: query.pageSize };
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

function view({ _id, revision: _revision, ...inquiry }: Inquiry) {
  return { id: _id, ...inquiry };
}
