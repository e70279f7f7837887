export type { HandshakeFailureCode } from './handshake-failure-code.js';
export type { HandshakeRequest, HandshakeResult } from './perform-handshake.js';
export { performHandshake } from './perform-handshake.js';
