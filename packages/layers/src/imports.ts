import ts from "typescript";

/** One import of a source file. `typeOnly`: erased when compiled, so nothing of it runs. */
export interface Import {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

/**
 * Every module a file imports: import and export-from declarations, `import()` calls and
 * `import("x")` types. `import { type A } from "x"` is not type-only: with verbatimModuleSyntax
 * it compiles to `import {} from "x"`, which still loads the module.
 * @example
 * importsOf("a.ts", 'import type { X } from "./x.ts";'); // [{ specifier: "./x.ts", typeOnly: true, line: 1 }]
 */
export function importsOf(fileName: string, source: string): Import[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ specifier: specifier.text, typeOnly, line });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node, node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
