/**
 * Struct layout checks shared by the tables whose calls write a record (fdstat, filestat,
 * prestat): the call is made twice, once into a buffer filled with 0xaa and once into a zeroed
 * one. A field the runtime writes whole, at the offset and width of this ABI's layout, reads the
 * same in both; a field left out, written narrower, or written at another offset keeps some of
 * the fill and differs. Values are never asserted, so fields the host chooses (dev, ino, times,
 * rights) are checked too.
 */
import type { Fixture } from '../dsl.js';
import type { AbiTable, Layout } from '../spec.js';

type LayoutName = keyof AbiTable['layouts'];

/**
 * `call(buf)` is the call under test (printed `errno=0`, made first into the 0xaa buffer); it is
 * repeated into a zeroed buffer as a precondition. Prints `<field>_written=1` per field.
 */
export function checkEveryFieldWritten(f: Fixture, layout: LayoutName, call: (buf: number) => string, fields?: string[]): void {
  const l = f.abi.layouts[layout] as Layout;
  // 16 spare bytes after each buffer: a runtime writing a larger record (another ABI's layout)
  // must not overwrite the fixture's own data (its path strings) and turn this into a setup error
  const filled = f.sentinel(l.size + 16, 0xaa, l.align);
  const zeroed = f.alloc(l.size + 16, l.align);
  f.expectSuccess(call(filled));
  f.ok(call(zeroed), `the same call into a zeroed ${layout}`);
  for (const name of fields ?? Object.keys(l.fields)) {
    const is64 = f.fieldIs64(layout, name);
    const eq = `(${is64 ? 'i64' : 'i32'}.eq ${f.field(filled, layout, name)} ${f.field(zeroed, layout, name)})`;
    const fld = l.fields[name]!;
    f.checkTrue(`${name}_written`, eq, `${layout}.${name} (${fld.size} bytes at offset ${fld.offset}) written whole`);
  }
}
