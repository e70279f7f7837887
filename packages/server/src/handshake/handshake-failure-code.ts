/** The RingCentral codes a failed handshake answers with (SUB-520 … SUB-525; docs/ringcentral-protocol.md). */
export type HandshakeFailureCode = 'SUB-520' | 'SUB-521' | 'SUB-523' | 'SUB-524' | 'SUB-525';
