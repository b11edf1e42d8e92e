import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import {
  AggregateRepository,
  ensureIndex,
  isDuplicateKey,
  WITHOUT_OUTBOX,
  type Unsaved,
} from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { Declaration } from './declaration.schema';
import { DeclarationShipment } from './declaration-shipment.schema';
import { ACTIVE } from './declaration-status';
import { isHeld } from './shipment-claim';

/** Loads and saves declarations; finds them by shipment through the shipment index, never by scanning. */
@Injectable()
export class DeclarationRepository extends AggregateRepository<Declaration> {
  constructor(
    @InjectModel(Declaration.name) declarations: Model<Declaration>,
    @InjectModel(DeclarationShipment.name) private readonly shipments: Model<DeclarationShipment>,
  ) {
    super(declarations, 'declaration');
  }

  /** Also the index that lets the store serve the claim's compare-and-set `{ _id, active }` without a scan. */
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await ensureIndex(this.shipments, { _id: 1, active: 1 });
  }

  /** The declaration that holds the shipment's B/L now (accepted, in progress or released), if any. */
  async activeFor(shipmentId: string, projection: Record<string, 0 | 1> = {}): Promise<Declaration | null> {
    const shipment = await this.shipments.findById(shipmentId, { active: 1 }).lean();
    if (!shipment?.active) return null;
    const fields = Object.keys(projection).length > 0 ? { ...projection, status: 1 } : undefined;
    const declaration = await this.findById(shipment.active, fields);
    return declaration && ACTIVE.includes(declaration.status) ? declaration : null;
  }

  async hasActive(shipmentId: string, except?: string): Promise<boolean> {
    const active = await this.activeFor(shipmentId, { _id: 1 });
    return active !== null && active._id !== except;
  }

  /** Whether this importer has ever declared the shipment. */
  async declaredBy(shipmentId: string, importerId: string): Promise<boolean> {
    const shipment = await this.shipments.findById(shipmentId, { declarationIds: 1 }).lean();
    if (!shipment) return false;
    const declarations = await Promise.all(
      shipment.declarationIds.map((id) => this.findById(id, { importerId: 1 })),
    );
    return declarations.some((d) => d?.importerId === importerId);
  }

  /**
   * Lodges a new declaration with its events, if its B/L is free: claims the shipment for it (taking over
   * a claim whose declaration is no longer active, or was never stored after a crash: shipment-claim),
   * then inserts it. False when another declaration holds the B/L, or is being lodged for it: of
   * lodgements racing for one B/L, on any number of instances, one wins.
   */
  async lodge(declaration: Unsaved<Declaration>, events: CloudEvent[]): Promise<boolean> {
    const { shipmentId, _id: id } = declaration;
    for (let attempt = 0; attempt < 5; attempt++) {
      const shipment = await this.shipments.findById(shipmentId, { active: 1, claimedAt: 1 }).lean();
      const holder = shipment?.active ? await this.findById(shipment.active, { status: 1 }) : null;
      if (isHeld(shipment, holder?.status ?? null, new Date())) return false;
      const claimed = await this.claim(shipmentId, shipment ? (shipment.active ?? null) : undefined, id);
      if (!claimed) continue;
      if (!(await this.insert(declaration, events))) throw new Error(`declaration ${id} exists already`);
      return true;
    }
    return false;
  }

  /** Moves the shipment's claim from `from` (undefined: the shipment is new) to the declaration `id`. */
  private async claim(shipmentId: string, from: string | null | undefined, id: string): Promise<boolean> {
    const claimedAt = new Date();
    try {
      if (from === undefined) {
        await this.shipments.create({ _id: shipmentId, active: id, claimedAt, declarationIds: [id] });
        return true;
      }
      const result = await this.shipments.updateOne(
        { _id: shipmentId, active: from },
        { $set: { active: id, claimedAt }, $push: { declarationIds: id } },
      );
      return result.modifiedCount === 1;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** The declaration without its outbox, if `party` (when given) owns it or filed it. */
  async findVisible(id: string, party?: string) {
    const declaration = await this.findById(id, WITHOUT_OUTBOX);
    return declaration &&
      (party === undefined || declaration.importerId === party || declaration.filerId === party)
      ? declaration
      : null;
  }

  /** A page of declarations for a reader, newest first (a list: it scans). */
  list(
    criteria: { importerId?: string; filerId?: string; shipmentId?: string; status?: string },
    page: number,
    pageSize: number,
  ) {
    return this.page(criteria, {
      sort: { createdAt: -1 },
      page,
      pageSize,
      projection: { ...WITHOUT_OUTBOX, filing: 0, statusHistory: 0 },
    });
  }
}
