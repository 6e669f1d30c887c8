/**
 * The lookups' logger inside a Pulumi program or the dynamic-provider host: the engine's log (`pulumi.log`), every
 * message redacted first (../core/redact.ts), so no registered secret reaches the CLI output or the engine's logs.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Logger } from "../core/context";
import { redact } from "../core/redact";

export const pulumiLogger: Logger = {
  info: (m) => void pulumi.log.info(redact(m)),
  warn: (m) => void pulumi.log.warn(redact(m)),
  debug: (m) => void pulumi.log.debug(redact(m)),
};
