import { STAGE_PANIC, STAGE_REQUEST_RECEIVED, STAGE_RESPONSE_COMPLETE, STAGE_RESPONSE_STARTED } from './audit-event';

/** The stages an Event can have; anything else is not a valid Event. */
export const STAGES: ReadonlySet<string> = new Set([STAGE_REQUEST_RECEIVED, STAGE_RESPONSE_STARTED, STAGE_RESPONSE_COMPLETE, STAGE_PANIC]);

/**
 * How many requests may be in flight at once (logged at `RequestReceived` or `ResponseStarted`
 * and not yet at `ResponseComplete`/`Panic`), and how many finished request ids are remembered
 * to recognise a stage logged twice or out of order. Both bound the memory: about 100 bytes an id.
 */
export const MAX_OPEN_REQUESTS = 2 ** 17;
export const MAX_RECENT_FINISHED = 2 ** 15;

/**
 * Counts each request once, whatever stages were logged for it. A request is counted at its
 * first stage that carries the response code (`ResponseStarted`, logged for watches and other
 * long-running requests, or `ResponseComplete` or `Panic`); `RequestReceived` alone says nothing
 * about the outcome. Memory is bounded, not per request: only the ids of requests still in
 * flight are kept (until their final stage, `ResponseComplete` or `Panic`), plus the last
 * `MAX_RECENT_FINISHED` (at least half as many) finished ids, so a duplicated line (a log
 * shipper's retry, the same file read twice nearby) or a `RequestReceived` written after its
 * response is not counted again. The count is exact while fewer than `MAX_OPEN_REQUESTS`
 * requests are in flight at once and duplicates come within `MAX_RECENT_FINISHED / 2` requests
 * of each other; past that, the oldest in-flight ids are forgotten (a watch forgotten this way
 * could be counted again if its `ResponseComplete` comes much later).
 *
 * Requests only received so far and requests already counted at `ResponseStarted` (watches, open
 * for minutes) are kept apart: the first set stays small, and most lines only touch it.
 */
export class RequestDeduper {
  /** Logged at RequestReceived, not counted yet. */
  private readonly received = new Set<string>();
  /** Counted at ResponseStarted, final stage not logged yet. */
  private readonly started = new Set<string>();
  /** Finished ids in two generations: when `recent` is full it becomes `older` (a ring without a delete per id). */
  private recent = new Set<string>();
  private older = new Set<string>();
  private forgottenUncounted = 0;

  /** Whether this Event is the one that counts its request. */
  public count(auditID: string, stage: string): boolean {
    if (stage === STAGE_REQUEST_RECEIVED) {
      // Nothing to decide yet (half of a log's lines): just remember it. A Set ignores a repeat.
      this.remember(this.received, auditID);
      return false;
    }
    if (stage === STAGE_RESPONSE_STARTED) {
      if (this.finished(auditID) || (this.started.size > 0 && this.started.has(auditID))) return false;
      this.received.delete(auditID);
      this.remember(this.started, auditID);
      return true;
    }
    // ResponseComplete or Panic: the final stage.
    this.received.delete(auditID);
    if (this.started.size > 0 && this.started.delete(auditID)) {
      this.finish(auditID);
      return false;
    }
    if (this.finished(auditID)) return false;
    this.finish(auditID);
    return true;
  }

  /**
   * Requests seen only at `RequestReceived`: their outcome is unknown and they were not counted.
   * (A RequestReceived line repeated after its request finished is counted here too.)
   */
  public get unfinished(): number {
    return this.forgottenUncounted + this.received.size;
  }

  private remember(set: Set<string>, auditID: string): void {
    if (this.received.size + this.started.size >= MAX_OPEN_REQUESTS) {
      // Forget the oldest id of the larger set.
      const from = this.received.size >= this.started.size ? this.received : this.started;
      const oldest = from.values().next().value as string;
      if (from === this.received) this.forgottenUncounted++;
      from.delete(oldest);
    }
    set.add(auditID);
  }

  private finished(auditID: string): boolean {
    return this.recent.has(auditID) || this.older.has(auditID);
  }

  private finish(auditID: string): void {
    if (this.recent.size >= MAX_RECENT_FINISHED / 2) {
      this.older = this.recent;
      this.recent = new Set();
    }
    this.recent.add(auditID);
  }
}
