/** A presence event for extension `ext` of account 1001, padded to about 1 KB on the wire. */
export function presenceEvent(ext: number | string, sequence: number, extra: Record<string, unknown> = {}) {
  return {
    event: `/restapi/v1.0/account/1001/extension/${ext}/presence`,
    body: {
      extensionId: String(ext),
      telephonyStatus: 'Ringing',
      presenceStatus: 'Busy',
      sequence,
      pad: 'x'.repeat(600),
      ...extra,
    },
  };
}

/** ~1 KB notification body, the shape Switchboard sends, for the raw-limit measurement. */
export const SAMPLE_NOTIFICATION = JSON.stringify({
  uuid: '8b7a0c5e-59c1-4a51-9d0c-6a1f2d3e4b5c',
  event: '/restapi/v1.0/account/1001/extension/2001/presence',
  timestamp: '2026-01-01T00:00:00.000Z',
  subscriptionId: 'd7e1c0a4-0c1d-4c9e-9a8b-1b2c3d4e5f60',
  ownerId: '2001',
  body: presenceEvent(2001, 1).body,
});
