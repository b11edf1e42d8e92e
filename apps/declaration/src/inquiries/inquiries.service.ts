import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import { Clock } from '@tongguan/clock';
import { DomainError, NotFoundError } from '@tongguan/platform';
import type { FilterQuery, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { DeclarationRepository } from '../declarations/declaration.repository';
import type { ListInquiriesQuery } from './inquiry.dto';
import { Inquiry, type InquiryEvent } from './inquiry.schema';

@Injectable()
export class InquiriesService {
  constructor(
    @InjectModel(Inquiry.name) private readonly inquiries: Model<Inquiry>,
    private readonly declarations: DeclarationRepository,
    private readonly clock: Clock,
  ) {}

  /** An importer asks about one of its own shipments (one it has declared). */
  async open(shipmentId: string, question: string, importer: Principal) {
    if (!(await this.declarations.declaredBy(shipmentId, importer.party))) {
      throw new NotFoundError('shipment', shipmentId);
    }
    const at = this.clock.now();
    const inquiry = await this.inquiries.create({
      _id: randomUUID(),
      shipmentId,
      importerId: importer.party,
      question,
      status: 'open',
      openedAt: at,
      history: [entry(at, importer, 'opened')],
    });
    return view(inquiry.toObject());
  }

  /** The first officer to claim it owns it; anyone later is told who does. */
  async claim(id: string, officer: Principal) {
    const at = this.clock.now();
    const claimed = await this.inquiries
      .findOneAndUpdate(
        { _id: id, status: 'open' },
        {
          $set: { status: 'claimed', ownerId: officer.party, ownerRole: officer.role, claimedAt: at },
          $push: { history: entry(at, officer, 'claimed: owns the inquiry until it is answered') },
        },
        { new: true },
      )
      .lean();
    if (claimed) return view(claimed);
    const current = await this.find(id);
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
    const answered = await this.inquiries
      .findOneAndUpdate(
        { _id: id, status: 'claimed', ownerId: officer.party },
        {
          $set: { status: 'answered', answer, answeredAt: at },
          $push: { history: entry(at, officer, 'answered') },
        },
        { new: true },
      )
      .lean();
    if (answered) return view(answered);
    const current = await this.find(id);
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
    const inquiry = await this.inquiries.findOne({ _id: id, ...visibleTo(reader) }).lean();
    if (!inquiry) throw new NotFoundError('inquiry', id);
    return view(inquiry);
  }

  async list(query: ListInquiriesQuery, reader: Principal) {
    const filter: FilterQuery<Inquiry> = { ...visibleTo(reader) };
    if (query.status) filter.status = query.status;
    if (query.shipmentId) filter.shipmentId = query.shipmentId;
    const [items, total] = await Promise.all([
      this.inquiries
        .find(filter)
        .sort({ openedAt: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean(),
      this.inquiries.countDocuments(filter),
    ]);
    return { items: items.map(view), total, page: query.page, pageSize: query.pageSize };
  }

  private async find(id: string): Promise<Inquiry> {
    const inquiry = await this.inquiries.findById(id).lean();
    if (!inquiry) throw new NotFoundError('inquiry', id);
    return inquiry;
  }
}

function visibleTo(reader: Principal): FilterQuery<Inquiry> {
  return reader.role === 'importer' ? { importerId: reader.party } : {};
}

function entry(at: Date, who: Principal, what: string): InquiryEvent {
  return { at, by: who.party, role: who.role, what };
}

function view({ _id, ...inquiry }: Inquiry) {
  return { id: _id, ...inquiry };
}
