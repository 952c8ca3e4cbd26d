export type OtlpEncoding = 'protobuf' | 'json';

/** OTLP/HTTP dispatches on the media type, ignoring parameters such as `; charset=utf-8`. */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/x-protobuf' || media === 'application/protobuf') return 'protobuf';
  if (media === 'application/json') return 'json';
  return undefined;
}
