import type { Connection as CallbackConnection } from 'mysql2';

interface Pending {
  sql: string;
  params: unknown[];
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/**
 * Statements for one mysql2 connection, sent as they are asked for — except that statements asked for
 * together (in the same turn, e.g. through Promise.all or a loop that awaits afterwards) travel in one
 * packet as a multi-statement query: one round trip instead of one each. They still run one after the
 * other, in the order asked, so a statement may rely on the one before it (ROW_COUNT(), LAST_INSERT_ID()).
 * If one fails, the server runs none after it, and every statement of the packet fails with its error.
 *
 * The callback API, not mysql2's promise wrapper, which captures a stack trace per query (a few percent
 * of the hot path's CPU); a failure still names its SQL (`error.sql`).
 */
export class StatementBatch {
  private queue: Pending[] = [];

  constructor(private readonly connection: CallbackConnection) {}

  query<T>(sql: string, params: unknown[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ sql, params, resolve: resolve as (result: unknown) => void, reject });
      // A promise job, like queueMicrotask's, without the async resource queueMicrotask makes for each call.
      if (this.queue.length === 1) void Promise.resolve().then(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 1) {
      const [only] = batch as [Pending];
      this.connection.query(only.sql, only.params, (error, result) =>
        error ? only.reject(error) : only.resolve(result),
      );
      return;
    }
    this.connection.query(
      batch.map((p) => p.sql).join(';\n'),
      batch.flatMap((p) => p.params),
      (error, results) => {
        if (error) for (const pending of batch) pending.reject(error);
        else batch.forEach((pending, i) => pending.resolve((results as unknown[])[i]));
      },
    );
  }
}
