import { Injectable } from '@nestjs/common';

/**
 * Whether this process's consumer is in its group right now, for readiness and the lag metric. The
 * CloudEvents server reports into it; an app without handlers consumes nothing and needs no group.
 */
@Injectable()
export class ConsumerGroupState {
  group: string | null = null;
  topics: string[] = [];
  private joinedAt: Date | null = null;
  private lastProblem: string | null = 'not started';

  /** The consumer is about to join: until it has, the app is not ready. */
  starting(group: string, topics: string[]): void {
    this.group = group;
    this.topics = topics;
    this.joinedAt = null;
    this.lastProblem = 'joining its group';
  }

  joined(): void {
    this.joinedAt = new Date();
    this.lastProblem = null;
  }

  left(problem: string): void {
    this.joinedAt = null;
    this.lastProblem = problem;
  }

  /** Nothing to consume (no handlers): ready as far as consuming goes. */
  noConsumer(): void {
    this.group = null;
    this.topics = [];
    this.joinedAt = null;
    this.lastProblem = null;
  }

  check(): { up: boolean; group: string | null; topics: number; joinedAt?: string; error?: string } {
    const up = this.group === null ? this.lastProblem === null : this.joinedAt !== null;
    return {
      up,
      group: this.group,
      topics: this.topics.length,
      ...(this.joinedAt ? { joinedAt: this.joinedAt.toISOString() } : {}),
      ...(up ? {} : { error: this.lastProblem ?? 'not in its group' }),
    };
  }
}
