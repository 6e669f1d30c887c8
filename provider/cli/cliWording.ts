/**
 * The command's wording of the lookups' messages: where a lookup tells a Pulumi user about arguments and stack
 * config, the command names its flags and environment variables (it reads no stack config). The pairs live
 * beside the credential resolution they describe (ALIBABA_HELP, HUAWEI_HELP in provider/clouds/*\/credentials.ts).
 */
import { ALIBABA_HELP } from "../clouds/alibaba/credentials";
import { HUAWEI_HELP } from "../clouds/huawei/credentials";

type Help = Record<string, { pulumi: string; cli: string }>;

export function cloudHelp(cloud: "alibaba" | "huawei"): typeof ALIBABA_HELP | typeof HUAWEI_HELP {
  return cloud === "alibaba" ? ALIBABA_HELP : HUAWEI_HELP;
}

/** `text` with every Pulumi wording of ALIBABA_HELP / HUAWEI_HELP replaced by the command's. */
export function cliWording(text: string): string {
  let out = text;
  for (const help of [ALIBABA_HELP, HUAWEI_HELP] as Help[]) for (const { pulumi, cli } of Object.values(help)) out = out.split(pulumi).join(cli);
  return out;
}
