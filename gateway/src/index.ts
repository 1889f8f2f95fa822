// The package entry: import and start the gateway in process (embedded stack, tests).
// `main.ts` is the stand-alone service.
export { startGateway, type GatewayOptions, type RunningGateway } from './start-gateway';
export { gatewayEnv, subgraphList, type GatewayConfig } from './gateway-config';
export { gatewayContext, type GatewayContext } from './context/gateway-context';
export { identityMigrations, seedIdentity, type IdentitySeed } from './identity/seed';
export { createUser, ensureTenant } from './identity/users';
export { createApiKey } from './identity/api-keys';
