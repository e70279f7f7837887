export type { HandshakeFailureCode, HandshakeRequest, HandshakeResult } from './perform-handshake.js';
export { performHandshake } from './perform-handshake.js';
