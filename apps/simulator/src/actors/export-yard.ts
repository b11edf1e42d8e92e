/** An export container through the gate, waiting for a vessel. */
export interface YardContainer {
  blNumber: string;
  containerNumber: string;
  /** The vessel call it is booked on; a later call takes it if it was shut out. */
  bookedOnCall: number;
}

/** What a vessel's loading takes from the yard: the released containers, and those it leaves behind. */
export interface LoadingPlan {
  load: YardContainer[];
  /** Booked on this call (or earlier) but not released for loading: shut out, rolled to the next call. */
  shutOut: YardContainer[];
}

/**
 * The terminal's export yard: containers gated in wait here until a vessel loads them. The carrier
 * loads only what customs released for loading (a container loaded without release is an incident);
 * a container not released by its vessel's loading is shut out and waits for the next call.
 */
export class ExportYard {
  private readonly waiting = new Map<string, YardContainer>();

  gatedIn(container: YardContainer): void {
    this.waiting.set(container.blNumber, container);
  }

  /** Takes the containers call `callIndex` loads; `released` says whether customs released a B/L. */
  loadingFor(callIndex: number, released: (blNumber: string) => boolean): LoadingPlan {
    const plan: LoadingPlan = { load: [], shutOut: [] };
    for (const container of this.waiting.values()) {
      if (container.bookedOnCall > callIndex) continue;
      if (released(container.blNumber)) plan.load.push(container);
      else plan.shutOut.push(container);
    }
    for (const container of plan.load) this.waiting.delete(container.blNumber);
    return plan;
  }

  /** Containers no vessel of the run took. */
  left(): YardContainer[] {
    return [...this.waiting.values()];
  }
}
