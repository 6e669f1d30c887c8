/**
 * Fake credentials the emulator accepts, and the key registry it checks signatures against.
 *
 * The values are deliberately recognisable (`EMU`, `LTAI5tEMU`) so that a leak of one into a log, an error
 * message or Pulumi state is easy to spot in a test: search the output for `EMU-ALI-SECRET` and friends.
 */

/** The credentials every emulator knows from the start. */
export const TEST_CREDENTIALS = {
  /** A plain Alibaba Cloud AccessKey pair (no STS token). */
  alibaba: {
    accessKeyId: "LTAI5tEMUxxxxKEYID",
    accessKeySecret: "EMU-ALI-SECRET-0123456789abcdef",
  },
  /** An Alibaba Cloud STS credential: the key pair is only accepted together with its security token. */
  alibabaSts: {
    accessKeyId: "STS.EMUxxxxTEMPKEYID",
    accessKeySecret: "EMU-STS-SECRET-fedcba9876543210",
    securityToken: "EMU-STS-TOKEN-CAIS1234567890abcdefEMUTOKEN",
  },
  /** A Huawei Cloud AK/SK pair and the project it belongs to. */
  huawei: {
    accessKey: "EMUHWAKXXXXXXXXXXXXX",
    secretKey: "EMU-HW-SECRET-0123456789abcdefghijklmn",
    projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  },
};

/** One Alibaba AccessKey as the emulator's key registry knows it. */
export interface AlibabaKey {
  /** The AccessKey secret the signature is checked against. */
  secret: string;
  /** Present for STS keys: requests must carry exactly this token. */
  securityToken?: string;
  /** When true the token is rejected with `InvalidSecurityToken.Expired`. */
  tokenExpired?: boolean;
}

/** One Huawei AK as the emulator's key registry knows it. */
export interface HuaweiKey {
  /** The SK the signature is checked against. */
  secretKey: string;
}

/** The keys an emulator accepts, per cloud, by access key id. Tests may add, remove or expire keys. */
export class CredentialStore {
  /** Alibaba AccessKeyId -> key. */
  readonly alibaba = new Map<string, AlibabaKey>();
  /** Huawei AK -> key. */
  readonly huawei = new Map<string, HuaweiKey>();

  /** A store that knows exactly the keys in {@link TEST_CREDENTIALS}. */
  static withTestCredentials(): CredentialStore {
    const store = new CredentialStore();
    store.alibaba.set(TEST_CREDENTIALS.alibaba.accessKeyId, { secret: TEST_CREDENTIALS.alibaba.accessKeySecret });
    store.alibaba.set(TEST_CREDENTIALS.alibabaSts.accessKeyId, {
      secret: TEST_CREDENTIALS.alibabaSts.accessKeySecret,
      securityToken: TEST_CREDENTIALS.alibabaSts.securityToken,
    });
    store.huawei.set(TEST_CREDENTIALS.huawei.accessKey, { secretKey: TEST_CREDENTIALS.huawei.secretKey });
    return store;
  }
}
