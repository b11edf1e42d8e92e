import { Injectable } from '@nestjs/common';
import type { DeclarationParties } from './event-claims';

/** Declarations remembered per instance; the oldest go first (a process holds a few MB at most). */
const MAX_REMEMBERED = 50_000;

/**
 * The owner and filer of the declarations this instance has seen lodged or read with their shipment,
 * by declarationId. They are fixed at the lodgement, so a remembered entry is never stale and the
 * events of a known declaration (most events of a shipment) are stamped without a store round trip.
 */
@Injectable()
export class LodgedDeclarations {
  private readonly byId = new Map<string, DeclarationParties>();

  get(declarationId: string): DeclarationParties | undefined {
    return this.byId.get(declarationId);
  }

  remember(declarations: readonly DeclarationParties[]): void {
    for (const declaration of declarations) {
      this.byId.delete(declaration.declarationId);
      this.byId.set(declaration.declarationId, declaration);
    }
    for (const oldest of this.byId.keys()) {
      if (this.byId.size <= MAX_REMEMBERED) break;
      this.byId.delete(oldest);
    }
  }
}
