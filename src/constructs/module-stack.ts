/**
 * The CDKTF stack of one generated module. Addresses come from spec names, not CDKTF's hashed
 * paths: `aws_kinesis_stream.stock_trade_stream` is part of the user's contract, since a renamed
 * address is a destroy/create in `terraform plan`.
 */
import { App, Construct, TerraformDataSource, TerraformOutput, TerraformStack, TerraformVariable, type TerraformResource } from "./cdktf";

/** Files of the generated module, by concern. */
export type ModuleFile = "main.tf" | "variables.tf" | "keys.tf" | "streams.tf" | "shares.tf" | "iam.tf" | "outputs.tf";

/** Where a block of the module goes, and the one-line reason a reviewer should read above it. */
export interface BlockPlacement {
  /** Terraform address: `aws_kms_key.trades`, `data.aws_region.current`, `output.x`. */
  address: string;
  file: ModuleFile;
  comment?: string;
}

export class ModuleStack extends TerraformStack {
  /** Blocks in the order they are printed. */
  readonly placements: BlockPlacement[] = [];
  private readonly scopes = new Map<string, Construct>();

  constructor(moduleName: string) {
    // The app is never synthesized to disk: kgen reads `toTerraform()` and prints HCL itself.
    super(new App({ outdir: "kgen-unused", skipValidation: true }), moduleName);
  }

  /**
   * The construct scope for one kind of block (`aws_kms_key`, `data.aws_region`, `output`):
   * Terraform names need only be unique per kind, construct ids per scope.
   */
  scope(kind: string): Construct {
    let scope = this.scopes.get(kind);
    if (scope === undefined) {
      scope = new Construct(this, kind);
      this.scopes.set(kind, scope);
    }
    return scope;
  }

  /** The Terraform name of every element is its construct id: the identifier kgen chose. */
  protected override allocateLogicalId(element: Parameters<TerraformStack["allocateLogicalId"]>[0]): string {
    return "node" in element ? element.node.id : element.id;
  }

  /** Records where a resource, data source or output is printed; returns it for chaining. */
  place<T extends TerraformResource | TerraformDataSource | TerraformOutput | TerraformVariable>(element: T, file: ModuleFile, comment?: string): T {
    const id = element.node.id;
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
