import { ownString } from './own-string';
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
 * flight are kept (until their final stage, `ResponseComplete` or `Panic`), plus a ring of the
 * last `MAX_RECENT_FINISHED` finished ids, so a duplicated final line (a log shipper's retry,
 * the same file read twice nearby) or a `RequestReceived` written after its response is not
 * counted again. The count is exact while fewer than `MAX_OPEN_REQUESTS` requests are in
 * flight at once and duplicates come within `MAX_RECENT_FINISHED` requests of each other; past
 * that, the oldest in-flight ids are forgotten (a watch forgotten this way could be counted
 * again if its `ResponseComplete` comes much later).
 */
export class RequestDeduper {
  /** In-flight request ids: true once counted (at `ResponseStarted`), false when only received. */
  private readonly open = new Map<string, boolean>();
  /** Finished ids in two generations: when `recent` is full it becomes `older` (a ring without a delete per id). */
  private recent = new Set<string>();
  private older = new Set<string>();
  private forgottenUncounted = 0;

  /** Whether this Event is the one that counts its request. */
  public count(auditID: string, stage: string): boolean {
    const opened = this.open.get(auditID);
    if (stage === STAGE_RESPONSE_COMPLETE || stage === STAGE_PANIC) {
      if (opened !== undefined) {
        this.open.delete(auditID);
        this.finish(ownString(auditID));
        return !opened;
      }
      if (this.finished(auditID)) return false;
      this.finish(ownString(auditID));
      return true;
    }
    if (opened === true || this.finished(auditID)) return false;
    if (stage === STAGE_RESPONSE_STARTED) {
      if (opened === undefined) this.remember(ownString(auditID), true);
      else this.open.set(auditID, true);
      return true;
    }
    // RequestReceived: wait for a stage with the outcome.
    if (opened === undefined) this.remember(ownString(auditID), false);
    return false;
  }

  /** Requests seen only at `RequestReceived`: their outcome is unknown and they were not counted. */
  public get unfinished(): number {
    let uncounted = this.forgottenUncounted;
    for (const counted of this.open.values()) if (!counted) uncounted++;
    return uncounted;
  }

  private remember(auditID: string, counted: boolean): void {
    if (this.open.size >= MAX_OPEN_REQUESTS) {
      const oldest = this.open.keys().next().value as string;
      if (!this.open.get(oldest)) this.forgottenUncounted++;
      this.open.delete(oldest);
    }
    this.open.set(auditID, counted);
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
