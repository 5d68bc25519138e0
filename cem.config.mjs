import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Custom-elements manifest from the components' JSDoc: tags, attributes, events, parts and tokens. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*messages*.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [singleDeclarationProperties()],
};

/**
 * Properties declared once (src/shared/properties.ts): `const properties = { view:
 * prop<CalendarView>('list', { reflect: true }) }` next to the class, and `static properties =
 * properties` in it. The analyzer's Lit plugin reads object literals written inside the class
 * only; this reads the declaration and writes each property as a field (type, default,
 * description) with its attribute, as the Lit plugin does for `static properties = { … }`.
 */
function singleDeclarationProperties() {
  return {
    name: 'cop-single-declaration-properties',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const isStatic = (member) => member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
      const member = node.members.find(
        (m) => ts.isPropertyDeclaration(m) && isStatic(m) && m.name.getText() === 'properties',
      );
      if (!member?.initializer || !ts.isIdentifier(member.initializer)) return;
      const name = member.initializer.text;
      const declaration = node
        .getSourceFile()
        .statements.filter(ts.isVariableStatement)
        .flatMap((statement) => [...statement.declarationList.declarations])
        .find((d) => d.name.getText() === name);
      const object = declaration?.initializer;
      const classDoc = moduleDoc.declarations.find((d) => d.name === node.name.text);
      if (!object || !ts.isObjectLiteralExpression(object) || !classDoc) return;
      for (const property of object.properties) {
        if (!ts.isPropertyAssignment(property) || !ts.isCallExpression(property.initializer)) continue;
        const field = describe(ts, property);
        classDoc.members = [...(classDoc.members ?? []).filter((m) => m.name !== field.name), field];
        if (field.attribute) {
          const { attribute: name, type, default: value, description } = field;
          const attribute = { name, type, default: value, description, fieldName: field.name };
          for (const key of Object.keys(attribute)) if (attribute[key] === undefined) delete attribute[key];
          classDoc.attributes = [...(classDoc.attributes ?? []).filter((a) => a.name !== attribute.name), attribute];
        }
      }
    },
  };
}

/** One `name: prop<T>(value, options)` entry as a manifest field. */
function describe(ts, property) {
  const call = property.initializer;
  const name = property.name.getText();
  const [value, options] = call.arguments;
  const option = (key) =>
    options && ts.isObjectLiteralExpression(options)
      ? options.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === key)?.initializer
      : undefined;
  const literalType = {
    [ts.SyntaxKind.StringLiteral]: 'string',
    [ts.SyntaxKind.NumericLiteral]: 'number',
    [ts.SyntaxKind.TrueKeyword]: 'boolean',
    [ts.SyntaxKind.FalseKeyword]: 'boolean',
  };
  const written = call.typeArguments?.[0]?.getText();
  // A type alias (`CalendarView`) says nothing to a reader of the docs: list its values instead.
  const type = (written && aliasText(ts, property.getSourceFile(), written)) ?? written ?? literalType[value?.kind];
  const hasDefault = value && value.getText() !== 'undefined';
  const attributeOption = option('attribute');
  const attribute =
    attributeOption?.kind === ts.SyntaxKind.FalseKeyword || option('state')?.kind === ts.SyntaxKind.TrueKeyword
      ? undefined
      : attributeOption && ts.isStringLiteral(attributeOption)
        ? attributeOption.text
        : name.toLowerCase();
  const text = (comment) => (typeof comment === 'string' ? comment : (comment ?? []).map((part) => part.text).join(''));
  const description = property.jsDoc?.map((doc) => text(doc.comment)).join('\n');
  const field = {
    kind: 'field',
    name,
    privacy: 'public',
    ...(type ? { type: { text: type } } : {}),
    ...(hasDefault ? { default: value.getText() } : {}),
    ...(description ? { description } : {}),
    ...(attribute ? { attribute } : {}),
    ...(option('reflect')?.kind === ts.SyntaxKind.TrueKeyword ? { reflects: true } : {}),
  };
  return field;
}

/**
 * The definition of a type alias named `name` (`'list' | 'month'`), declared in the source file
 * or in a module it imports the name from (followed through re-exports); undefined otherwise.
 */
function aliasText(ts, sourceFile, name, seen = new Set()) {
  if (seen.has(sourceFile.fileName)) return undefined;
  seen.add(sourceFile.fileName);
  for (const statement of sourceFile.statements) {
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === name) return statement.type.getText(sourceFile);
  }
  for (const statement of sourceFile.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier)
      continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith('.')) continue;
    const clause = ts.isImportDeclaration(statement) ? statement.importClause?.namedBindings : statement.exportClause;
    const named = clause && 'elements' in clause && clause.elements.some((element) => element.name.text === name);
    if (!named && !(ts.isExportDeclaration(statement) && !statement.exportClause)) continue;
    const file = resolve(dirname(sourceFile.fileName), specifier.replace(/\.js$/, '.ts'));
    if (!existsSync(file)) continue;
    const found = aliasText(
      ts,
      ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
      name,
      seen,
    );
    if (found) return found;
  }
  return undefined;
}
