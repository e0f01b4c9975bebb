// Go text/template's parse errors for the strings of a Helm spec: RenderSpec (pkg/resources/helper.go) parses every
// string containing both "{{" and "}}" with template.New("").Parse, no extra functions, so Go's builtins only.
// Covered: empty actions, if/with/range without a pipeline, else/end outside a block, an unclosed block, a
// function that is not a builtin, an unclosed comment. Execution (values from the Module's config) is not modelled.

const BUILTINS = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
  'true',
  'false',
  'nil',
]);

/** text/template's parse error for `text` (`template: :<line>: <reason>`), or undefined when it parses. */
export function goTemplateParseError(text: string): string | undefined {
  if (!(text.includes('{{') && text.includes('}}'))) return undefined;
  const blocks: string[] = [];
  let i = 0;
  const lineAt = (offset: number): number => 1 + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
  const fail = (offset: number, reason: string): string => `template: :${lineAt(offset)}: ${reason}`;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    let start = open + 2;
    if (text.startsWith('- ', start) || text.startsWith('-\t', start) || text.startsWith('-\n', start)) start += 1;
    const afterSpace = text.slice(start).match(/^\s*/)?.[0].length ?? 0;
    if (text.startsWith('/*', start + afterSpace)) {
      const endComment = text.indexOf('*/', start + afterSpace + 2);
      if (endComment < 0) return fail(open, 'unclosed comment');
      const close = text.indexOf('}}', endComment + 2);
      if (close < 0 || text.slice(endComment + 2, close).replace(/^\s*-?\s*$/, '') !== '')
        return fail(open, 'comment ends before closing delimiter');
      i = close + 2;
      continue;
    }
    const close = findClose(text, start);
    if (close < 0) return fail(open, 'unclosed action');
    let body = text.slice(start, close);
    if (/\s-$/.test(body)) body = body.slice(0, -1);
    body = body.trim();
    i = close + 2;
    if (body === '') return fail(open, 'missing value for command');
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body)?.[0];
    const rest = word ? body.slice(word.length).trim() : body;
    if (word === 'if' || word === 'with' || word === 'range') {
      if (rest === '') return fail(open, `missing value for ${word}`);
      const bad = pipelineError(rest);
      if (bad) return fail(open, bad);
      blocks.push(word);
      continue;
    }
    if (word === 'else') {
      if (!blocks.length) return fail(open, 'unexpected {{else}}');
      continue;
    }
    if (word === 'end') {
      if (!blocks.length) return fail(open, 'unexpected {{end}}');
      blocks.pop();
      continue;
    }
    if (word === 'define' || word === 'template' || word === 'block' || word === 'break' || word === 'continue')
      return undefined; // not generated; left to Go
    const bad = pipelineError(body);
    if (bad) return fail(open, bad);
  }
  if (blocks.length) return fail(text.length, `unexpected EOF`);
  return undefined;
}

/** The "}}" that closes an action, skipping quoted strings. */
function findClose(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === '`') quote = c;
    else if (c === '}' && text[i + 1] === '}') return i;
  }
  return -1;
}

/** A command of the pipeline that names a function Go does not have. */
function pipelineError(pipeline: string): string | undefined {
  for (const command of pipeline.split('|')) {
    const first = command.trim().split(/\s+/)[0] ?? '';
    if (first === '') return 'missing value for command';
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(first) && !BUILTINS.has(first))
      return `function ${JSON.stringify(first)} not defined`;
  }
  return undefined;
}
