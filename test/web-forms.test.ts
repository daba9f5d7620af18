/**
 * Every form of the app says its problems itself, at the field and in the screen's language: none
 * leaves it to the browser, whose bubble is in the browser's language and stops a half-typed date
 * before the form can say it. Read from the sources, as TypeScript parses them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// Read here, not beside the web app: its own tests may not import node:fs (architecture.test.ts).
const WEB = join(ROOT, 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') && !e.name.includes('.test.') ? [join(dir, e.name)] : []));
}

/** Each `<form>` of a file, as `file:line`, with whether it says `noValidate`. */
function forms(file: string): { at: string; noValidate: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: { at: string; noValidate: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === 'form') {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const noValidate = node.attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText(source) === 'noValidate');
      found.push({ at: `${relative(WEB, file)}:${line}`, noValidate });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Each `<input>` of a file without a `type`, as `file:line`. */
function untypedInputs(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === 'input') {
      const typed = node.attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText(source) === 'type');
      if (!typed) found.push(`${relative(WEB, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Each `<input type="date">` or `<input type="file">` of a file, as `file:line type`. */
function browserWordedInputs(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && node.tagName.getText(source) === 'input') {
      for (const a of node.attributes.properties) {
        const type = ts.isJsxAttribute(a) && a.name.getText(source) === 'type' && a.initializer !== undefined && ts.isStringLiteral(a.initializer) ? a.initializer.text : null;
        if (type === 'date' || type === 'file') found.push(`${relative(WEB, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1} ${type}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the web app’s forms', () => {
  // The browser's own date and file fields speak the browser's language (mm/dd/yyyy, "Choose file" on
  // an Italian screen): every one is the app's DateInput or FileInput, which speak the screen's.
  it('take dates and files through the shared fields, in the screen’s language', () => {
    // The one native file field left is FileInput's own, visually hidden behind its label.
    expect(
      sources(WEB)
        .flatMap(browserWordedInputs)
        .map((at) => at.replace(/:\d+ /, ' ')),
    ).toEqual(['ui/FileInput.tsx file']);
  });

  // Bootstrap Italia draws a field's line by its type (input[type=text], …): an <input> without
  // one showed as a label over nothing (the revision's "Motivo").
  it('give every input its type, so that it is drawn as a field', () => {
    expect(sources(WEB).flatMap(untypedInputs)).toEqual([]);
  });

  it('are all noValidate: the app, not the browser, says what is wrong', () => {
    const all = sources(WEB).flatMap(forms);
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((f) => !f.noValidate).map((f) => f.at)).toEqual([]);
  });
});
