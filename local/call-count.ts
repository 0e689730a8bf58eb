/**
 * Counts AWS SDK calls by who makes them and by service and operation (e.g. `DynamoDB
 * PutItem`), through the clients' `instrument` hook. One logical call counts once (SDK retries
 * are not counted again). Used by bench:day and the integration tests.
 */
import { aroundEveryCall, type ClientOptions, type SdkClient, sdkCall } from '#adapters/clients.ts';

export class CallCounter {
  /** role → "Service Operation" → calls. */
  readonly calls = new Map<string, Map<string, number>>();

  instrument(role: string): NonNullable<ClientOptions['instrument']> {
    return <C extends SdkClient>(client: C): C =>
      aroundEveryCall(client, `countCalls-${role}`, (next, context) => async (args) => {
        const { service, operation } = sdkCall(context);
        const byOperation = this.calls.get(role) ?? new Map<string, number>();
        byOperation.set(`${service} ${operation}`, (byOperation.get(`${service} ${operation}`) ?? 0) + 1);
        this.calls.set(role, byOperation);
        return next(args);
      });
  }

  /** Calls by operation, summed over the roles given. */
  of(...roles: string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const role of roles) for (const [op, n] of this.calls.get(role) ?? []) out.set(op, (out.get(op) ?? 0) + n);
    return out;
  }

  total(...roles: string[]): number {
    return [...this.of(...roles).values()].reduce((a, b) => a + b, 0);
  }

  reset(): void {
    this.calls.clear();
  }
}
