// Runs background tasks in this process, at most `concurrency` at a time, in the order they were added.
//
// Used for work a request has made durable and handed off (the webhook inbox): the request answers at once and
// the task follows. Bounding concurrency keeps a burst of deliveries from starving the requests still arriving.
// A task's failure is the task's own business (it records and schedules its retry); the queue only logs it.
//
// `concurrency` may be a function, read whenever a task could start (it must answer at least 1): the webhook inbox
// applies one delivery at a time while requests are arriving and several once they stop.
import { log } from "../log.server";

export class WorkQueue {
  private readonly waiting: Array<() => Promise<void>> = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  private readonly concurrency: () => number;

  constructor(
    concurrency: number | (() => number),
    private readonly onError: (error: unknown) => void = (error) => log.error("background task failed", { error }),
  ) {
    if (typeof concurrency === "number" && (!Number.isSafeInteger(concurrency) || concurrency < 1)) {
      throw new Error("concurrency must be a positive integer");
    }
    this.concurrency = typeof concurrency === "number" ? () => concurrency : concurrency;
  }

  add(task: () => Promise<void>): void {
    this.waiting.push(task);
    this.next();
  }

  /** Tasks added and not yet finished. */
  get size(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves once every task added so far (and any they add) has finished. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private next(): void {
    while (this.running < this.concurrency() && this.waiting.length > 0) {
      const task = this.waiting.shift()!;
      this.running += 1;
      task()
        .catch(this.onError)
        .finally(() => {
          this.running -= 1;
          this.next();
          if (this.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            waiters.forEach((resolve) => resolve());
          }
        });
    }
  }
}
