export { Minor } from '@hearth/platform/graphql';

/** Today's date (UTC), `YYYY-MM-DD`. */
export const today = (): string => new Date().toISOString().slice(0, 10);
