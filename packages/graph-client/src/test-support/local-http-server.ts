// A tiny real HTTP server for unit tests of the client's wire behaviour (auth, retries, paging,
// $batch) without the full simulator: each test scripts the answers it needs.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface RecordedRequest {
  method: string;
  /** Path with query string, e.g. `/v1.0/deviceManagement/deviceConfigurations?$skiptoken=2`. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are (to send broken JSON). */
  body?: unknown;
  /** Destroy the socket instead of answering (a network error on the client side). */
  dropConnection?: boolean;
}

export type Responder = (request: RecordedRequest, url: string) => ScriptedResponse | Promise<ScriptedResponse>;

export interface LocalHttpServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startLocalHttpServer(responder: Responder): Promise<LocalHttpServer> {
  const requests: RecordedRequest[] = [];
  let url = "";
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    const scripted = await responder(recorded, url);
    if (scripted.dropConnection) {
      res.socket?.destroy();
      return;
    }
    const text = scripted.body === undefined ? "" : typeof scripted.body === "string" ? scripted.body : JSON.stringify(scripted.body);
    res.writeHead(scripted.status, { "content-type": "application/json", ...scripted.headers });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A token endpoint answer for the scripted servers. */
export function tokenResponse(token = "test-access-token", expiresIn = 3600): ScriptedResponse {
  return { status: 200, body: { token_type: "Bearer", access_token: token, expires_in: expiresIn } };
}

export function isTokenRequest(request: RecordedRequest): boolean {
  return request.method === "POST" && request.url.includes("/oauth2/v2.0/token");
}
