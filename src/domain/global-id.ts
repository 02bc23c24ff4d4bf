// Global IDs as the API spells them ("Event:12" in base64url): what webhooks and links carry too.
export function encodeId(typename: string, id: bigint | number | string): string {
  return Buffer.from(`${typename}:${id}`).toString("base64url");
}
