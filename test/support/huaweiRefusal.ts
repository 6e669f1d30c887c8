/**
 * What the emulator's Huawei API gateway answers to a request whose signature it refuses (test/emulator/huaweiSignature.ts):
 * 401 `APIGW.0301` with the gateway's body, its request id in the header, and never the secret key.
 */
import type * as http from "node:http";

export interface HuaweiRawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Asserts `r` is the gateway's exact refusal of a signature. */
export function expectHuaweiSignatureRefused(r: HuaweiRawResponse, secretKey: string): void {
  const body = JSON.parse(r.text) as Record<string, unknown>;
  expect(r.status).toBe(401);
  expect(body).toEqual({
    error_msg: "Incorrect IAM authentication information: verify aksk signature fail",
    error_code: "APIGW.0301",
    request_id: r.headers["x-request-id"],
  });
  expect(body.request_id).toMatch(/^[0-9a-f]{32}$/);
  expect(r.text).not.toContain(secretKey);
}
