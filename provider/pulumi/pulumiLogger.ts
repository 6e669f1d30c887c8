/**
 * The lookups' logger inside a Pulumi program or the dynamic-provider host: the engine's log (`pulumi.log`), every
 * message redacted first (../core/redact.ts), so no registered secret reaches the CLI output or the engine's logs,
 * then shown `visible` (../core/visible.ts): a log line is one line, and cloud text in it (a record's field, an
 * error code) cannot drive the terminal that `pulumi up` prints the diagnostics to.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Logger } from "../core/context";
import { redact } from "../core/redact";
import { visible } from "../core/visible";

const shown = (m: string) => visible(redact(m));

export const pulumiLogger: Logger = {
  info: (m) => void pulumi.log.info(shown(m)),
  warn: (m) => void pulumi.log.warn(shown(m)),
  debug: (m) => void pulumi.log.debug(shown(m)),
};
