/**
 * A small evaluator for the HCL expressions kgen prints, independent of kgen's printer: object
 * and tuple constructors, strings, numbers, booleans, null, references and `jsonencode(...)`.
 * hcl2json hands such expressions over as `"${...}"` strings; the tests evaluate them to compare
 * with what the CDKTF stack synthesized and to feed policies to the simulator.
 */

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** Turns a reference such as `aws_kms_key.trades.arn` into its value. */
export type ResolveReference = (reference: string) => Value;

/** Evaluates an hcl2json attribute value: strings that are one `${...}` are expressions. */
export function evaluateAttribute(value: unknown, resolve: ResolveReference): Value {
  if (typeof value === "string") {
    const match = /^\$\{([\s\S]*)\}$/.exec(value);
    if (match === null) return templateText(value);
    return new ExpressionParser(match[1], resolve).parseWhole();
  }
  if (Array.isArray(value)) return value.map((item) => evaluateAttribute(item, resolve));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateAttribute(v, resolve)]));
  }
  return value as Value;
}

/**
 * hcl2json writes a literal string in Terraform JSON form, a template: `$${` and `%%{` stand for a
 * literal `${` and `%{` (Terraform "JSON Configuration Syntax", "Template Expressions"). Any
 * interpolation (in a synthesized policy string) is left as it is written.
 */
export function templateText(value: string): string {
  return value.replace(/([$%])\1\{/g, "$1{");
}

class ExpressionParser {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly resolve: ResolveReference,
  ) {}

  parseWhole(): Value {
    const value = this.expression();
    this.skipSpace();
    if (this.position !== this.text.length) this.fail("unexpected trailing text");
    return value;
  }

  private expression(): Value {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === "{") return this.object();
    if (char === "[") return this.tuple();
    if (char === '"') return this.string();
    if (/[-0-9]/.test(char)) return this.number();
    const name = this.traversal();
    if (name === "true") return true;
    if (name === "false") return false;
    if (name === "null") return null;
    this.skipSpace();
    if (this.text[this.position] === "(") return this.call(name);
    return this.resolve(name);
  }

  private object(): Value {
    this.expect("{");
    const result: { [key: string]: Value } = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === "}") break;
      const key = this.text[this.position] === '"' ? this.string() : this.identifier();
      this.skipSpace();
      this.expect("=");
      result[key] = this.expression();
      this.skipSpace();
      if (this.text[this.position] === ",") this.position++;
    }
    this.expect("}");
    return result;
  }

  private tuple(): Value {
    this.expect("[");
    const items: Value[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === "]") break;
      items.push(this.expression());
      this.skipSpace();
      if (this.text[this.position] === ",") this.position++;
    }
    this.expect("]");
    return items;
  }

  private call(name: string): Value {
    this.expect("(");
    const argument = this.expression();
    this.skipSpace();
    this.expect(")");
    if (name !== "jsonencode") this.fail(`unsupported function ${name}`);
    return JSON.stringify(argument);
  }

  /**
   * A quoted string, per the HCL native syntax spec ("Template Expressions", "Template Literals"):
   * `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, and `$${` / `%%{` for a literal `${` / `%{`. A real
   * interpolation or directive is not expected in what kgen prints.
   */
  private string(): string {
    this.expect('"');
    let result = "";
    while (this.text[this.position] !== '"') {
      if (this.position >= this.text.length) this.fail("unterminated string");
      const char = this.text[this.position++];
      const next = this.text[this.position];
      if ((char === "$" || char === "%") && next === char && this.text[this.position + 1] === "{") {
        result += `${char}{`;
        this.position += 2;
        continue;
      }
      if ((char === "$" || char === "%") && next === "{") this.fail("an interpolation or directive inside a string is not expected here");
      if (char !== "\\") {
        result += char;
        continue;
      }
      const escaped = this.text[this.position++];
      if (escaped === "u" || escaped === "U") {
        const digits = escaped === "u" ? 4 : 8;
        const hex = this.text.slice(this.position, this.position + digits);
        if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) this.fail(`bad \\${escaped} escape`);
        result += String.fromCodePoint(parseInt(hex, 16));
        this.position += digits;
        continue;
      }
      const escapes = new Map([["n", "\n"], ["r", "\r"], ["t", "\t"], ['"', '"'], ["\\", "\\"]]);
      const value = escapes.get(escaped);
      if (value === undefined) this.fail(`unsupported escape \\${escaped}`);
      result += value;
    }
    this.position++;
    return result;
  }

  private number(): number {
    const match = /^-?[0-9]+(\.[0-9]+)?/.exec(this.text.slice(this.position));
    if (match === null) this.fail("bad number");
    this.position += match[0].length;
    return Number(match[0]);
  }

  private traversal(): string {
    let name = this.identifier();
    while (this.text[this.position] === ".") {
      this.position++;
      name += `.${this.identifier()}`;
    }
    return name;
  }

  private identifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.position));
    if (match === null) this.fail("expected an identifier");
    this.position += match[0].length;
    return match[0];
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position])) this.position++;
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) this.fail(`expected "${char}"`);
    this.position++;
  }

  private fail(message: string): never {
    throw new Error(`${message} at offset ${this.position} of: ${this.text.slice(Math.max(0, this.position - 40), this.position + 40)}`);
  }
}
