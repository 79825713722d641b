/**
 * The e-mail address last seen for each Chat user, on verified events only, bounded: past
 * `capacity` users the one seen longest ago is forgotten (a Map keeps insertion order, and a user
 * seen again is moved to the end). Held in memory: each replica learns from the events it serves,
 * and an approver named by e-mail is known from their first event at a replica on.
 */
export class RememberedEmails {
  private readonly byUser = new Map<string, string>();

  constructor(readonly capacity = 10_000) {}

  remember(userName: string, email: string): void {
    this.byUser.delete(userName);
    this.byUser.set(userName, email);
    if (this.byUser.size > this.capacity) {
      const oldest = this.byUser.keys().next().value;
      if (oldest !== undefined) this.byUser.delete(oldest);
    }
  }

  emailOf(userName: string): string | undefined {
    return this.byUser.get(userName);
  }

  get size(): number {
    return this.byUser.size;
  }
}
