/** The worker ⇄ panel protocol: message types and guard, transports, requests, the panel client. */
export * from './messages.ts';
export * from './port.ts';
export * from './rpc.ts';
export * from './client.ts';
