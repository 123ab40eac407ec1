// Long enough for the other tabs of the browser to reply to a new tab's hello.
const DECIDE_AFTER_MS = 250;
// A leader that is still open replies to a check at once, even from a hidden tab.
const CHECK_REPLY_MS = 1_000;

/** A message between tabs about which of them leads. */
export type ElectionMessage =
  | { kind: 'hello'; tab: string }
  | { kind: 'here'; tab: string; leading: boolean }
  | { kind: 'leading'; tab: string }
  | { kind: 'who-leads'; tab: string }
  | { kind: 'bye'; tab: string };

/** The part of BroadcastChannel the election uses, so tests can pass an in-memory one. */
export interface ElectionChannel {
  postMessage(message: ElectionMessage): void;
  onmessage: ((event: MessageEvent<ElectionMessage>) => void) | null;
}

/** Leader election as the stream hub uses it. */
export interface Leadership {
  /** Takes part from now on: `onLead` when this tab should lead, `onFollow` when it should stop. */
  start(onLead: () => void, onFollow: () => void): void;
  /** Asks whether a leader is still there; one that does not reply is replaced. */
  checkLeader(): void;
  /** Returns whether any other tab of the browser has joined, so relaying has a reader. */
  hasOtherTabs(): boolean;
}

/**
 * Picks one leader among the tabs of one browser with nothing but a BroadcastChannel, because
 * the Web Locks API exists only in secure contexts and a home server is often plain http.
 * - Every tab tracks the others from their hello and here messages, and the oldest tab leads.
 * - A tab posts bye when it closes or is frozen, and the oldest remaining tab takes over.
 * - A tab that vanished without a bye is found when a follower hears nothing for a while and
 *   checks: a leader that does not reply within a second is replaced.
 * - Should two tabs ever lead at once, the younger steps down.
 */
export class TabElection implements Leadership {
  private readonly members = new Set<string>();
  private leaderId: string | null = null;
  private leaderHeard = false;
  private onLead: () => void = () => {};
  private onFollow: () => void = () => {};
  private checking = false;

  /** `id` must sort older tabs first; `tabId()` makes one. */
  constructor(
    private readonly channel: ElectionChannel,
    private readonly id: string,
  ) {
    channel.onmessage = (event) => this.receive(event.data);
  }

  get isLeader(): boolean {
    return this.leaderId === this.id;
  }

  start(onLead: () => void, onFollow: () => void): void {
    this.onLead = onLead;
    this.onFollow = onFollow;
    this.join();
  }

  /** Joins again after `leave`, as a tab restored from the back-forward cache or unfrozen does. */
  join(): void {
    this.members.clear();
    this.members.add(this.id);
    this.leaderId = null;
    this.channel.postMessage({ kind: 'hello', tab: this.id });
    setTimeout(() => {
      if (this.leaderId === null) this.elect();
    }, DECIDE_AFTER_MS);
  }

  /** Says bye and stops leading, for a tab that is closing or being frozen. */
  leave(): void {
    const wasLeader = this.isLeader;
    this.leaderId = null;
    this.channel.postMessage({ kind: 'bye', tab: this.id });
    if (wasLeader) this.onFollow();
  }

  checkLeader(): void {
    if (this.checking || this.isLeader) return;
    const suspect = this.leaderId ?? this.oldest();
    if (suspect === this.id) {
      this.elect();
      return;
    }

    this.checking = true;
    this.leaderHeard = false;
    this.channel.postMessage({ kind: 'who-leads', tab: this.id });
    setTimeout(() => {
      this.checking = false;
      if (this.leaderHeard) return;
      console.warn(
        `[live] the leading tab ${suspect} did not respond within ${CHECK_REPLY_MS / 1000} s; electing another`,
      );
      this.members.delete(suspect);
      if (this.leaderId === suspect) this.leaderId = null;
      this.elect();
    }, CHECK_REPLY_MS);
  }

  hasOtherTabs(): boolean {
    return this.members.size > 1;
  }

  private receive(message: ElectionMessage): void {
    this.members.add(message.tab);
    switch (message.kind) {
      case 'hello':
        this.channel.postMessage({ kind: 'here', tab: this.id, leading: this.isLeader });
        break;
      case 'here':
        if (message.leading) this.follow(message.tab);
        break;
      case 'leading':
        this.follow(message.tab);
        break;
      case 'who-leads':
        if (this.isLeader) this.channel.postMessage({ kind: 'leading', tab: this.id });
        break;
      case 'bye':
        this.members.delete(message.tab);
        if (message.tab === this.leaderId) {
          this.leaderId = null;
          this.elect();
        }
        break;
    }
  }

  private follow(leader: string): void {
    this.leaderHeard = true;
    if (this.isLeader && leader !== this.id) {
      // Two leaders: the older one keeps the streams.
      if (this.id < leader) {
        this.channel.postMessage({ kind: 'leading', tab: this.id });
        return;
      }
      this.leaderId = leader;
      this.onFollow();
      return;
    }
    this.leaderId = leader;
  }

  private elect(): void {
    if (this.oldest() !== this.id || this.isLeader) return;
    this.leaderId = this.id;
    this.channel.postMessage({ kind: 'leading', tab: this.id });
    this.onLead();
  }

  private oldest(): string {
    return [...this.members].sort()[0] ?? this.id;
  }
}

/** Returns an id that sorts by the time this page was opened, then at random. */
export function tabId(openedAt: number = performance.timeOrigin, random = Math.random): string {
  const time = Math.floor(openedAt).toString().padStart(15, '0');
  const suffix = Math.floor(random() * 2 ** 32)
    .toString(16)
    .padStart(8, '0');
  return `${time}-${suffix}`;
}
