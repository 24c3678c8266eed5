import { describe, expect, it } from 'vitest';
import { isSchemaStatement, splitCypherScript } from '../../../src/import/split-cypher.ts';

async function split(...chunks: string[]) {
  const out = [];
  async function* source() {
    yield* chunks;
  }
  for await (const statement of splitCypherScript(source())) out.push(statement);
  return out;
}

describe('splitCypherScript', () => {
  it('ends statements at semicolons outside strings, names and comments', async () => {
    const statements = await split(
      "// header; not a statement\nCREATE (:A {s: 'a;b', t: \"c;d\", `we;ird`: 1});\n/* block; comment */ MATCH (n) RETURN n;\n",
    );
    expect(statements.map((s) => s.text)).toEqual(["CREATE (:A {s: 'a;b', t: \"c;d\", `we;ird`: 1})", 'MATCH (n) RETURN n']);
    expect(statements.map((s) => s.line)).toEqual([2, 3]);
  });

  it('honours escaped quotes inside strings', async () => {
    const statements = await split("RETURN 'it\\'s; fine' AS x;\nRETURN 1;");
    expect(statements.map((s) => s.text)).toEqual(["RETURN 'it\\'s; fine' AS x", 'RETURN 1']);
  });

  it('gives the same statements however the text is cut into chunks', async () => {
    const script = "CREATE (:A {s: 'x;y'});/* c */RETURN 'a\\'b';// end;\nRETURN 2;\n";
    const whole = (await split(script)).map((s) => s.text);
    for (let cut = 1; cut < script.length; cut += 1) {
      expect((await split(script.slice(0, cut), script.slice(cut))).map((s) => s.text)).toEqual(whole);
    }
  });

  it('reads cypher-shell commands as commands, ending at the line end', async () => {
    const statements = await split(':begin\nCREATE (:A);\n:commit\n');
    expect(statements).toEqual([
      { text: ':begin', line: 1, command: true },
      { text: 'CREATE (:A)', line: 2, command: false },
      { text: ':commit', line: 3, command: true },
    ]);
  });

  it('rejects a script cut off inside a string or without its last semicolon', async () => {
    await expect(split("CREATE (:A {s: 'open")).rejects.toThrow(/unterminated/);
    await expect(split('CREATE (:A);\nCREATE (:B)')).rejects.toThrow(/truncated/);
  });
});

describe('isSchemaStatement', () => {
  it('recognises constraint and index statements and index waits', () => {
    expect(isSchemaStatement('CREATE CONSTRAINT x IF NOT EXISTS FOR (n:A) REQUIRE n.id IS UNIQUE')).toBe(true);
    expect(isSchemaStatement('CREATE FULLTEXT INDEX s FOR (n:A) ON EACH [n.name]')).toBe(true);
    expect(isSchemaStatement('DROP CONSTRAINT x')).toBe(true);
    expect(isSchemaStatement('CALL db.awaitIndexes(300)')).toBe(true);
    expect(isSchemaStatement('CREATE (n:INDEX)')).toBe(false);
  });
});
