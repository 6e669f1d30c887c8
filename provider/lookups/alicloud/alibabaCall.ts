/**
 * The `client` of an Alibaba Cloud listing (listing.ts): one RPC request of an action of `product`, through the
 * official core client (AlibabaRpcClient), answering the response body.
 */
import type { LookupContext } from "../../core/context";
import type { Call } from "../../core/listing";
import { AlibabaProduct, alibabaClientFor } from "../../clouds/alibaba/AlibabaRpcClient";

export function alibabaCall(product: AlibabaProduct) {
  return (args: { region?: string; endpoint?: string }, ctx: LookupContext, lookup: string): Call => {
    const client = alibabaClientFor(product, args, ctx, lookup);
    return async (action, params, fresh) => (await client.call(action, params, fresh)).body;
  };
}
