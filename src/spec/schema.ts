/**
 * kgen spec v1 — the single definition of the spec's shape (contract: spec-v1.md). The loader
 * checks YAML against it and `kgen schema` prints it as JSON Schema; semantic rules that need
 * more than one field (references, ARNs, per-type ranges) live in rules.ts.
 */
import { toDraft07 } from "./json-schema";
import { ALL_REGIONS, PARTITIONS } from "./regions";
import {
  choice,
  defaulted,
  integer,
  integerChoice,
  list,
  map,
  object,
  optional,
  flag,
  required,
  text,
  type Fields,
  type Infer,
  type SiblingCondition,
  type StringNode,
} from "./schema-dsl";
import type { ConsumerSpec, ConsumerVia, Spec } from "./types";

export const DATA_CONSUMER_VIAS = ["get-records", "kcl", "fan-out", "lambda", "firehose", "flink"] as const;
export const VIDEO_CONSUMER_VIAS = ["media", "playback"] as const;
export const PRODUCER_LIBRARIES = ["sdk", "kpl"] as const;
/** Who may read through a share of each reading access; the first is the default. */
export const SHARE_VIAS = { read: ["get-records", "lambda", "kcl"], "fan-out": ["fan-out", "kcl"] } as const;

const ACCOUNT_ID = /^[0-9]{12}$/;
const ALIAS_NAME = "[a-z][a-z0-9-]{0,47}";
// Stream names: Kinesis Data Streams allows 1-128 of these characters, Kinesis Video Streams
// 1-256; the key pattern admits both and rules.ts holds data streams to 128.
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,256}$/;
const STREAM_FORMAT = '1-128 letters, digits, "_", "." or "-" (video streams: 1-256)';
// Party and share names become IAM role name suffixes and registered consumer names; these
// characters are valid in both (IAM: [\w+=,.@-]; RegisterStreamConsumer: [a-zA-Z0-9_.-]).
const ENTRY_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
const ENTRY_FORMAT = '1-64 letters, digits, "_", "." or "-"';
// The KCL lease table and, for KCL 2 and 3, the registered consumer carry the application name:
// DynamoDB tables need 3..255 characters, registered consumers 1..128.
// Share names also name a fan-out share's registered consumer (RegisterStreamConsumer: 1-128).
const SHARE_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;
const SHARE_FORMAT = '1-128 letters, digits, "_", "." or "-"';
const PARTY_AWS_NAME =
  "The name in the party's AWS names (role and policy MODULE-NAME, registered consumers, default KCL application); default: its spec name.";
export const KCL_APPLICATION_NAME = /^[a-zA-Z0-9_.-]{3,128}$/;
export const KCL_APPLICATION_FORMAT = '3-128 letters, digits, "_", "." or "-"';

function accountId(description: string): StringNode {
  return text(description, {
    label: "account id",
    pattern: ACCOUNT_ID,
    format: "12 digits",
    acceptsUnquotedAccountId: true,
  });
}

function streamReferences(description: string) {
  return list(text("The name of a stream under `streams`.", { label: "stream" }), description, {
    minItems: 1,
    unique: true,
  });
}

function principalArns(description: string) {
  const arn = text("An IAM principal ARN: arn:PARTITION:iam::ACCOUNT:role/NAME, user/NAME or root.");
  return list(arn, description, { unique: true });
}

/**
 * Earlier names of an entry, oldest first: kgen writes `moved` blocks from the addresses they gave
 * to the current ones, so Terraform keeps the resources (spec-v1 extension, README "Renaming").
 */
function renamedFrom(label: string, pattern: RegExp, format: string) {
  const earlier = text(`An earlier name of this ${label}.`, { label: `earlier ${label} name`, pattern, format });
  return list(earlier, `Earlier names of this ${label}, oldest first; kgen moves their Terraform state here.`, { minItems: 1, unique: true });
}

/** The name AWS knows an entry by, when it is not the spec name: kept across a rename. */
function awsName(description: string, pattern: RegExp, format: string) {
  return text(description, { label: "AWS name", pattern, format });
}

/** Tags, spec-wide or an entry's own (on top of the spec-wide ones). */
function tagMap(description: string) {
  return map(
    text("Tag key.", {
      label: "tag key",
      // `__proto__` is a legal AWS tag key, but the CDKTF library kgen builds on copies maps
      // by assignment, which drops that one key: refused rather than silently lost.
      pattern: /^(?!aws:)(?!__proto__$)[\w .:/=+@-]{1,128}$/,
      format: 'up to 128 letters, digits, spaces or "_ . : / = + - @", not starting with aws:, not __proto__',
    }),
    text("Tag value.", {
      label: "tag value",
      pattern: /^[\w .:/=+@-]{0,256}$/,
      format: 'up to 256 letters, digits, spaces or "_ . : / = + - @"',
    }),
    description,
  );
}

// IAM: names [\w+=,.@-] (roles 1-64, policies 1-128); paths "/" or "/seg/.../" of at most 512
// characters (IAM quotas, "reference_iam-quotas"). kgen keeps path segments to name characters:
// IAM allows any printable ASCII, but a `*` or `${` in a role's path would be read as a wildcard or
// a policy variable where key policies name the role.
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_PATH = /^\/(?:[\w+=,.@-]+\/)*$/;
const POLICY_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}|aws):policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;
const POLICY_ARN_FORMAT = "an IAM policy ARN: arn:PARTITION:iam::ACCOUNT:policy/NAME (aws for AWS managed policies)";

/** Controls on a role kgen creates, per role or once for the whole spec (`defaults.role`). */
function roleControlFields(conditions: { onlyWhen?: SiblingCondition }) {
  return {
    path: optional(
      text("IAM path of the role (and its instance profile), e.g. /teams/market-data/; default /.", {
        label: "IAM path",
        pattern: IAM_PATH,
        maxLength: 512,
        format: '"/" or "/" segments of letters, digits and "_+=,.@-" each followed by "/", at most 512 characters',
      }),
      conditions,
    ),
    permissions_boundary: optional(
      text("ARN of the managed policy that bounds the role's permissions.", { label: "policy ARN", pattern: POLICY_ARN, format: POLICY_ARN_FORMAT }),
      conditions,
    ),
    max_session_duration: optional(
      // IAM CreateRole MaxSessionDuration: 3600..43200 seconds.
      integer("Longest session, in seconds, that assuming the role may ask for (IAM: 3600..43200; default 3600).", { min: 3600, max: 43200 }),
      conditions,
    ),
    managed_policies: optional(
      list(
        text("A managed policy ARN, e.g. arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole.", {
          label: "policy ARN",
          pattern: POLICY_ARN,
          format: POLICY_ARN_FORMAT,
        }),
        "Managed policies to attach to the role, for what it needs beyond Kinesis (logs, a Firehose destination, ...).",
        { unique: true },
      ),
      conditions,
    ),
  } satisfies Fields;
}

const owner = object("owner", "The account that holds the streams and keys; checked at plan time.", {
  account: required(accountId("12-digit id of the owner account. Quoted or not.")),
  region: required(
    choice(ALL_REGIONS, "The AWS Region of the streams and keys; it must belong to `partition`.", {
      label: "region",
    }),
  ),
  partition: defaulted(choice(PARTITIONS, "The AWS partition of the account.", { label: "partition" }), "aws"),
});

/** Fields of a key kgen creates; an existing key (`arn`) is its owner's to configure. */
const CREATED_KEY_ONLY = { onlyWhen: { field: "arn", absent: true } } as const;

const key = object("key", "A customer-managed KMS key (CMK): one kgen creates (rotation always on), or with `arn` an existing key kgen does not manage.", {
  arn: optional(
    text(
      "ARN of an existing customer-managed key, of the owner account or another one, in the owner's Region: kgen creates nothing for it and writes the key-policy statements its owner must add.",
      { label: "key ARN" },
    ),
  ),
  description: optional(text("The key's description in KMS.", { maxLength: 8192, multiline: true }), CREATED_KEY_ONLY),
  alias: optional(
    text("Alias name without the `alias/` prefix; kgen creates alias/NAME.", {
      label: "key alias",
      // KMS alias names: letters, digits, "/", "_" and "-"; `alias/aws/` is reserved for AWS.
      pattern: /^(?!aws\/)(?!alias\/)[a-zA-Z0-9/_-]{1,250}$/,
      format: 'up to 250 letters, digits, "/", "_" or "-", without the alias/ prefix, not starting with aws/',
    }),
    CREATED_KEY_ONLY,
  ),
  rotation_days: defaulted(
    integer("Days between automatic rotations (KMS: 90..2560).", { min: 90, max: 2560 }),
    365,
    CREATED_KEY_ONLY,
  ),
  deletion_window_days: defaulted(
    integer("Waiting period before a scheduled deletion takes effect (KMS: 7..30).", { min: 7, max: 30 }),
    30,
    CREATED_KEY_ONLY,
  ),
  administrators: defaulted(principalArns("Principals that manage the key but cannot use it."), [], CREATED_KEY_ONLY),
  renamed_from: optional(renamedFrom("key", ENTRY_NAME, ENTRY_FORMAT), CREATED_KEY_ONLY),
  tags: optional(tagMap("Tags of this key, on top of the spec-wide tags (its own win)."), CREATED_KEY_ONLY),
});

const stream = object("stream", "A Kinesis data or video stream; the map key is its AWS name.", {
  type: defaulted(
    choice(["data", "video"], "Kinesis Data Streams or Kinesis Video Streams.", { label: "type" }),
    "data",
  ),
  capacity: defaulted(
    choice(["on-demand", "provisioned"], "Capacity mode of a data stream.", { label: "capacity" }),
    "on-demand",
    { onlyWhen: { field: "type", is: ["data"] } },
  ),
  shards: optional(
    // UpdateShardCount cannot scale a stream beyond 10,000 shards, so Terraform could not manage more.
    integer("Shard count of a provisioned data stream (1..10000).", { min: 1, max: 10000 }),
    {
      onlyWhen: { field: "capacity", is: ["provisioned"] },
      requiredWhen: { field: "capacity", is: ["provisioned"] },
    },
  ),
  retention_hours: defaulted(
    integer("Hours records are kept. Data streams: 24..8760; video streams: 0..87600.", { min: 0, max: 87600 }),
    24,
  ),
  encryption: defaulted(
    text("A key name from `keys`, `aws-managed` (the AWS-managed key) or `none` (data streams only; warned).", {
      label: "encryption",
    }),
    "aws-managed",
  ),
  media_type: optional(
    // Kinesis Video CreateStream MediaType: [\w\-\.\+]+/[\w\-\.\+]+, at most 128 characters.
    text("MIME type of a video stream's media, e.g. video/h264.", {
      label: "media type",
      pattern: /^[\w.+-]+\/[\w.+-]+$/,
      format: "a MIME type such as video/h264",
      maxLength: 128,
    }),
    { onlyWhen: { field: "type", is: ["video"] } },
  ),
  administrators: defaulted(principalArns("Principals that administer the stream (no data access)."), []),
  aws_name: optional(awsName("The stream's name in AWS; default: its spec name. Kinesis cannot rename a stream.", STREAM_NAME, STREAM_FORMAT)),
  renamed_from: optional(renamedFrom("stream", STREAM_NAME, STREAM_FORMAT)),
  tags: optional(tagMap("Tags of this stream (and of the consumers kgen registers on it), on top of the spec-wide tags.")),
});

/** Controls on the role kgen creates; an existing role (`arn`) is its owner's to configure. */
const CREATED_ROLE_ONLY = { onlyWhen: { field: "arn", absent: true } } as const;

/** A party's identity besides `role`: an existing IAM user or group of the owner account. */
function identityFields() {
  return {
    user: optional(text("ARN of an existing IAM user of the owner account; kgen attaches the party's policy to it.", { label: "user ARN" })),
    group: optional(
      text("ARN of an existing IAM group of the owner account; kgen attaches the party's policy to it, for its members.", { label: "group ARN" }),
    ),
  };
}

const role = object(
  "role",
  "The party's IAM role: `assumed_by` (kgen creates the role) or `arn` (an existing role); neither only where the party has a default trust (lambda, firehose, flink), to set controls on the role kgen creates.",
  {
    assumed_by: optional(
      list(
        text("A service principal (ec2.amazonaws.com), an IAM principal ARN or a 12-digit account id.", {
          acceptsUnquotedAccountId: true,
        }),
        "Principals trusted to assume the role kgen creates.",
        { minItems: 1, unique: true },
      ),
    ),
    arn: optional(text("ARN of an existing role of the owner account; kgen attaches an inline policy.")),
    name: optional(
      text("Name of the role kgen creates, instead of <name>-<party> (e.g. where that passes 64 characters); the party keeps its name.", {
        label: "role name",
        pattern: ROLE_NAME,
        format: '1-64 letters, digits or "_+=,.@-"',
      }),
      CREATED_ROLE_ONLY,
    ),
    ...roleControlFields(CREATED_ROLE_ONLY),
  },
  // Neither: the party's default trust (lambda, firehose, flink), with these controls on its role.
  { exactlyOne: ["assumed_by", "arn"], orNeither: true },
);

function producerLibrary(description: string, conditions: Parameters<typeof optional>[1] = {}) {
  return optional(choice(PRODUCER_LIBRARIES, description, { label: "library" }), conditions);
}

function kclFields() {
  return {
    application: optional(
      text("KCL application name (lease table and registered consumer); default: the entry's name.", {
        label: "application name",
        pattern: KCL_APPLICATION_NAME,
        format: KCL_APPLICATION_FORMAT,
      }),
      { onlyWhen: { field: "via", is: ["kcl"] } },
    ),
    kcl_version: optional(integerChoice([1, 2, 3], "KCL major version; default 3."), {
      onlyWhen: { field: "via", is: ["kcl"] },
    }),
  };
}

const producer = object("producer", "A party that writes to streams.", {
  streams: required(streamReferences("Streams the producer writes to.")),
  library: producerLibrary(
    "Data streams: how it writes. sdk (default): the AWS SDK; kpl: the Kinesis Producer Library, which also publishes CloudWatch metrics.",
  ),
  // Optional in shape, like a consumer's: rules.ts requires it where no default trust exists,
  // which today is every producer (types.ts, ProducerSpec).
  role: optional(role),
  aws_name: optional(awsName(PARTY_AWS_NAME, ENTRY_NAME, ENTRY_FORMAT)),
  renamed_from: optional(renamedFrom("producer", ENTRY_NAME, ENTRY_FORMAT)),
  ...identityFields(),
  tags: optional(tagMap("Tags of the role (and instance profile) kgen creates, or of the policy it attaches to a user or group, on top of the spec-wide tags.")),
}, { exclusive: ["role", "user", "group"] });

const consumer = object("consumer", "A party that reads from streams.", {
  streams: required(streamReferences("Streams the consumer reads; all data or all video.")),
  via: optional(
    choice(
      [...DATA_CONSUMER_VIAS, ...VIDEO_CONSUMER_VIAS],
      "How it reads. Data: get-records (default), kcl, fan-out, lambda, firehose, flink. " +
        "Video: media (default), playback.",
      { label: "via" },
    ),
  ),
  ...kclFields(),
  role: optional(role),
  aws_name: optional(awsName(PARTY_AWS_NAME, ENTRY_NAME, ENTRY_FORMAT)),
  renamed_from: optional(renamedFrom("consumer", ENTRY_NAME, ENTRY_FORMAT)),
  ...identityFields(),
  tags: optional(tagMap("Tags of the role kgen creates (or of the policy it attaches to a user or group), and of its registered consumers, on top of the spec-wide tags.")),
}, { exclusive: ["role", "user", "group"] });

const share = object("share", "Cross-account access to data streams encrypted with a key from `keys`.", {
  account: required(
    text("An alias from `accounts` or a 12-digit account id.", {
      label: "account",
      pattern: new RegExp(`^([0-9]{12}|${ALIAS_NAME})$`),
      format: "an alias from accounts or a 12-digit account id",
      acceptsUnquotedAccountId: true,
    }),
  ),
  principals: defaulted(
    list(
      text("An IAM role or user ARN, or the 12-digit id, of the share's account.", {
        acceptsUnquotedAccountId: true,
      }),
      "Principals of the share's account; empty means the account's root principal.",
      { unique: true },
    ),
    [],
  ),
  streams: required(streamReferences("Data streams to share.")),
  access: required(choice(["read", "write", "fan-out"], "What the other account may do.", { label: "access" })),
  via: optional(
    choice(
      ["get-records", "lambda", "kcl", "fan-out"],
      "Who reads through it. read: get-records (default), lambda, kcl; fan-out: fan-out (default), kcl.",
      { label: "share via" },
    ),
    { onlyWhen: { field: "access", is: ["read", "fan-out"] } },
  ),
  ...kclFields(),
  library: producerLibrary("Write shares: how the other account writes. sdk (default) or kpl.", {
    onlyWhen: { field: "access", is: ["write"] },
  }),
  aws_name: optional(awsName("The name of the share's policy (MODULE-NAME) and fan-out consumers; default: its spec name.", SHARE_NAME, SHARE_FORMAT)),
  renamed_from: optional(renamedFrom("share", SHARE_NAME, SHARE_FORMAT)),
});

const defaults = object("defaults", "Settings for the whole spec.", {
  role: optional(
    object(
      "role defaults",
      "Controls on every IAM role kgen creates; a role's own path, boundary and session length replace these, its managed_policies add to them.",
      roleControlFields({}),
    ),
  ),
  // Opt-in: tags on aws_kinesis_stream_consumer need hashicorp/aws 6.2.0 (#43173), which the
  // module's floor then states; off, modules keep running on 5.x providers.
  tag_registered_consumers: optional(
    flag("Tag the enhanced fan-out consumers kgen registers too (default false). Needs hashicorp/aws 6.2.0 or later, which the module then requires."),
  ),
});

function entryKey(label: string, description: string): StringNode {
  return text(description, { label, pattern: ENTRY_NAME, format: ENTRY_FORMAT });
}

export const specSchema = object("spec", "A kgen spec: Kinesis streams, KMS keys and who may use them.", {
  version: required(
    integerChoice([1], "Spec format version; always 1.", { hint: "this kgen reads `version: 1`" }),
  ),
  name: required(
    text("Module name; also the prefix of IAM role names kgen creates.", {
      label: "module name",
      pattern: new RegExp(`^${ALIAS_NAME}$`),
      format: 'a lower-case letter, then up to 47 lower-case letters, digits or "-"',
    }),
  ),
  owner: required(owner),
  tags: defaulted(tagMap("Tags added to every taggable resource."), {}),
  defaults: optional(defaults),
  accounts: defaulted(
    map(
      text("Alias of another account; names its companion module.", {
        label: "account alias",
        pattern: new RegExp(`^${ALIAS_NAME}$`),
        format: 'a lower-case letter, then up to 47 lower-case letters, digits or "-"',
      }),
      accountId("12-digit account id. Quoted or not."),
      "Aliases for other accounts, used by `shares`.",
    ),
    {},
  ),
  keys: defaulted(
    map(entryKey("key name", "Key name, referenced by `encryption`."), key, "Customer-managed KMS keys."),
    {},
  ),
  streams: required(
    map(
      text("The stream's AWS name.", {
        label: "stream name",
        pattern: STREAM_NAME,
        format: STREAM_FORMAT,
      }),
      stream,
      "Kinesis data and video streams, by AWS name.",
    ),
  ),
  producers: defaulted(map(entryKey("producer name", "Producer name."), producer, "Parties that write."), {}),
  consumers: defaulted(map(entryKey("consumer name", "Consumer name."), consumer, "Parties that read."), {}),
  shares: defaulted(
    map(
      text("Share name; also the registered consumer name of a fan-out share.", {
        label: "share name",
        pattern: SHARE_NAME,
        format: SHARE_FORMAT,
      }),
      share,
      "Cross-account access to data streams.",
    ),
    {},
  ),
});

/** The spec as written: like `Spec`, except a consumer's `via` default depends on its streams. */
export type SpecAsWritten = Omit<Spec, "consumers"> & {
  consumers: Record<string, Omit<ConsumerSpec, "via"> & { via?: ConsumerVia }>;
};

// Compile-time proof that this schema and types.ts describe the same shape, in both directions.
type Assignable<A, B> = [A] extends [B] ? true : false;
const schemaMatchesTypes: [
  Assignable<Infer<typeof specSchema>, SpecAsWritten>,
  Assignable<SpecAsWritten, Infer<typeof specSchema>>,
] = [true, true];
void schemaMatchesTypes;

/** The spec schema as draft-07 JSON Schema, for `kgen schema` and yaml-language-server. */
export function toJsonSchema(): object {
  return toDraft07(specSchema, "kgen spec, version 1");
}
