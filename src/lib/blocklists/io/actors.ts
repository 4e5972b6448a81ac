import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { DnsblList } from '../../model/blocklist-catalogue';
import {
  planHealthChecks,
  type FamilyHealth,
  type HealthInput,
  type CheckRequest,
  type QueriesInput,
} from '../domain/plan';
import type { BlocklistResult } from '../../model/blocklist-run';
import type { DohClient } from './doh';
import { runHealthChecks, runQueries, type EngineOptions } from './engine';

/**
 * The check machine's named actors, backed by the DoH client. Results are handed to the
 * machine in batches (every `flushMs`), so thousands of answers cost a few dozen UI updates.
 */

function listsById(request: CheckRequest): Map<string, DnsblList> {
  return new Map(request.lists.map(({ list }) => [list.id, list]));
}

function engineOptions(
  request: CheckRequest,
  client: DohClient,
  signal: AbortSignal,
): EngineOptions {
  return {
    client,
    resolverUrl: request.resolver.url,
    ownResolver: request.ownResolver ?? false,
    timeoutMs: request.timeoutMs,
    concurrency: request.concurrency,
    signal,
  };
}

export function createCheckActors(client: DohClient, flushMs = 500) {
  return {
    checkHealth: fromPromise<Record<string, FamilyHealth>, HealthInput>(
      async ({ input, signal }) => {
        const { request } = input;
        const health = await runHealthChecks(
          planHealthChecks(request.lists, request.targets),
          listsById(request),
          engineOptions(request, client, signal),
        );
        return Object.fromEntries(health);
      },
    ),

    runQueries: fromCallback<EventObject, QueriesInput>(({ input, sendBack }) => {
      const controller = new AbortController();
      let buffer: BlocklistResult[] = [];
      const flush = () => {
        if (buffer.length === 0) return;
        sendBack({ type: 'check.batch', results: buffer });
        buffer = [];
      };
      const timer = setInterval(flush, flushMs);
      runQueries(
        input.tasks,
        listsById(input.request),
        engineOptions(input.request, client, controller.signal),
        (result) => buffer.push(result),
      ).then(
        () => {
          clearInterval(timer);
          flush();
          sendBack({ type: 'check.finished' });
        },
        (error: unknown) => {
          clearInterval(timer);
          // A cancel is the machine leaving this state: nothing more to say.
          if (controller.signal.aborted) return;
          flush();
          sendBack({ type: 'check.failed', error: String(error) });
        },
      );
      return () => {
        clearInterval(timer);
        controller.abort(new DOMException('The check was cancelled', 'AbortError'));
      };
    }),
  };
}
