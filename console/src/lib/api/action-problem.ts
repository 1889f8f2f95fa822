import { CombinedError } from '@urql/core';

/** Why an action (on a customer, a service order) failed: the gateway's code (NETWORK when it was not reached) and what it said. */
export interface ActionProblem {
  code: string;
  /** The gateway's message as sent (it names the bad fields of a BAD_USER_INPUT). */
  detail: string;
}

/** The first error of a failed mutation or query; the page words the codes it knows. */
export function actionProblem(error: unknown): ActionProblem {
  if (error instanceof CombinedError) {
    const first = error.graphQLErrors[0];
    if (first) return { code: typeof first.extensions?.code === 'string' ? first.extensions.code : 'UNKNOWN', detail: first.message };
    if (error.networkError) return { code: 'NETWORK', detail: error.networkError.message };
  }
  return { code: 'UNKNOWN', detail: error instanceof Error ? error.message : String(error) };
}
