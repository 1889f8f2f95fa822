import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isGatewayId } from '@hearth/broker';

/** An id for a gateway registered without one: `gw-` and 10 base-32 characters. */
export const issueGatewayId = (): string => `gw-${[...randomBytes(10)].map((b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]).join('')}`;

export const gatewayName = z.string().trim().min(1, 'must not be empty').max(100);
/** The MQTT user name and a topic level (the `fleet.gateway` check constraint). */
export const gatewayId = z.string().refine(isGatewayId, 'lower-case letters, digits and hyphens, 3–64 characters, not starting with a hyphen');
