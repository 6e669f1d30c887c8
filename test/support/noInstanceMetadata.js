// Jest setup: the official Alibaba default credential chain would ask the ECS instance-metadata service
// (100.100.100.200) when no keys are configured. Tests always pass keys explicitly; this makes sure that a
// test that forgets can never send traffic off this machine. Child processes get the same variable from
// their explicit environments (test/support/cli.ts) or inherit it.
process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
