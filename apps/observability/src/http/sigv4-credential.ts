/** The credential scope of a SigV4 `Authorization` header; the signature itself is not checked. */
export interface SigV4Credential {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

const CREDENTIAL =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\b/;

export function sigV4Credential(authorization: string | undefined): SigV4Credential | undefined {
  const match = CREDENTIAL.exec(authorization?.trim() ?? '');
  if (!match) return undefined;
  return { accessKeyId: match[1]!, region: match[3]!, service: match[4]! };
}
