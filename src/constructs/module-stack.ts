/**
 * The CDKTF stack of one generated module. Addresses come from spec names, not CDKTF's hashed
 * paths: `aws_kinesis_stream.stock_trade_stream` is part of the user's contract, since a renamed
 * address is a destroy/create in `terraform plan`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, Construct, TerraformDataSource, TerraformOutput, TerraformStack, TerraformVariable, type TerraformResource } from "./cdktf";
import { escapeLiteralText } from "./terraform-text";

/** Files of the generated module, by concern. */
export type ModuleFile = "main.tf" | "variables.tf" | "keys.tf" | "streams.tf" | "shares.tf" | "iam.tf" | "outputs.tf";

/** Where a block of the module goes, and the one-line reason a reviewer should read above it. */
export interface BlockPlacement {
  /** Terraform address: `aws_kms_key.trades`, `data.aws_region.current`, `output.x`. */
  address: string;
  file: ModuleFile;
  comment?: string;
}

/**
 * The construct id for a block named `name`. The constructs library keeps children in a plain
 * object, so a spec name such as `constructor` would collide with Object's own properties; a
 * prefix keeps every id clear of them, and terraformName() takes it off again.
 */
export function constructId(name: string): string {
  return `${ID_PREFIX}${name}`;
}

/** The Terraform name of a block built with constructId(). */
export function terraformName(id: string): string {
  return id.startsWith(ID_PREFIX) ? id.slice(ID_PREFIX.length) : id;
}

const ID_PREFIX = "tf:";

let scratch: string | undefined;

/** One temporary folder per process for CDKTF's App, removed when the process exits. */
function scratchFolder(): string {
  if (scratch === undefined) {
    const folder = mkdtempSync(join(tmpdir(), "kgen-cdktf-"));
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    scratch = folder;
  }
  return scratch;
}

/** Where builders add constructs: a scope per kind of block, and the placement of each block. */
export interface ModuleScope {
  scope(kind: string): Construct;
  place<T extends PlacedElement>(element: T, file: ModuleFile, comment?: string): T;
}

type PlacedElement = TerraformResource | TerraformDataSource | TerraformOutput | TerraformVariable;

/**
 * The scopes and placements of one module's blocks. Terraform names need only be unique per kind
 * of block, construct ids per scope: one construct scope per kind (`aws_kms_key`,
 * `data.aws_region`, `output`) lets every block keep its spec-derived name.
 */
export class BlockRegistry implements ModuleScope {
  /** Blocks in the order they are printed. */
  readonly placements: BlockPlacement[] = [];
  private readonly scopes = new Map<string, Construct>();

  constructor(private readonly owner: Construct) {}

  scope(kind: string): Construct {
    let scope = this.scopes.get(kind);
    if (scope === undefined) {
      scope = new Construct(this.owner, kind);
      this.scopes.set(kind, scope);
    }
    return scope;
  }

  /** Every block kgen adds passes here: its literal text is escaped for Terraform (terraform-text.ts). */
  place<T extends PlacedElement>(element: T, file: ModuleFile, comment?: string): T {
    escapeLiteralText(element);
    const id = terraformName(element.node.id);
    const address =
      element instanceof TerraformOutput
        ? `output.${id}`
        : element instanceof TerraformVariable
          ? `variable.${id}`
          : element instanceof TerraformDataSource
            ? `data.${element.terraformResourceType}.${id}`
            : `${element.terraformResourceType}.${id}`;
    this.placements.push({ address, file, comment });
    return element;
  }
}

/** The stack of one generated module, whose Terraform names are exactly the ids kgen chose. */
export class ModuleStack extends TerraformStack implements ModuleScope {
  private readonly registry = new BlockRegistry(this);

  constructor(moduleName: string) {
    // The app is never synthesized: kgen reads `toTerraform()` and prints HCL itself. CDKTF's App
    // still creates its output folder when constructed, so it gets a private temporary one.
    super(new App({ outdir: scratchFolder(), skipValidation: true, stackTraces: false }), moduleName);
  }

  get placements(): readonly BlockPlacement[] {
    return this.registry.placements;
  }

  scope(kind: string): Construct {
    return this.registry.scope(kind);
  }

  place<T extends PlacedElement>(element: T, file: ModuleFile, comment?: string): T {
    return this.registry.place(element, file, comment);
  }

  /** The Terraform name of every element is its construct id: the identifier kgen chose. */
  protected override allocateLogicalId(element: Parameters<TerraformStack["allocateLogicalId"]>[0]): string {
    return terraformName("node" in element ? element.node.id : element.id);
  }
}
