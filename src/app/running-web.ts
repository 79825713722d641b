/** The web role once started: the HTTP port when the chat platform reaches it over HTTP, and how to stop taking its requests. */
export interface RunningWeb {
  port?: number;
  stop(): Promise<void>;
}
