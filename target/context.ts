import type { PageDesign } from './designs/types';
import type { ActiveFaults } from './faults';
import type { Pacer } from './pacer';
import type { SessionStore } from './sessions';
import type { TrafficCounter } from './traffic';

/** What every route handler of one running target shares. */
export interface TargetContext {
  /** The faults active right now (`setFaults` swaps them at runtime, so read per request). */
  faults(): ActiveFaults;
  readonly sessions: SessionStore;
  /** The page design this target serves (fixed at start). */
  readonly design: PageDesign;
  /** Aborted when the target closes: every delayed or endless answer stops then. */
  readonly signal: AbortSignal;
  /** One bucket per direction: `throttle` models a shared bottleneck, as a DSL line is. */
  readonly downloadPacer: Pacer;
  readonly uploadPacer: Pacer;
  /** Requests, bytes and WebSocket messages served: the load a monitor puts on the target. */
  readonly traffic: TrafficCounter;
}
