// libhoney ships no type declarations; these cover the calls the tests make.
declare module 'libhoney' {
  interface LibhoneyOptions {
    apiHost?: string;
    writeKey?: string;
    dataset?: string;
    batchTimeTrigger?: number;
    batchSizeTrigger?: number;
    responseCallback?: (responses: { status_code?: number; error?: unknown }[]) => void;
  }
  export default class Libhoney {
    constructor(options: LibhoneyOptions);
    sendNow(data: Record<string, unknown>): void;
    flush(): Promise<void>;
  }
}
