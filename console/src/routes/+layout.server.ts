import { env } from '$env/dynamic/private';
import type { LayoutServerLoad } from './$types';

/**
 * The gateway URL is runtime configuration, not baked in at build time, so one build serves
 * every deployment. Without an explicit public URL we assume the gateway runs on the same
 * host the browser used to reach the console (the one-process stack), on GATEWAY_PORT.
 */
export const load: LayoutServerLoad = ({ url }) => {
  const gatewayUrl = env.HEARTH_PUBLIC_GATEWAY_URL || `http://${hostForUrl(url.hostname)}:${env.GATEWAY_PORT ?? 4000}/graphql`;
  return { gatewayUrl };
};

/** url.hostname drops the brackets of an IPv6 literal; a URL needs them back. */
function hostForUrl(hostname: string): string {
  return hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
}
