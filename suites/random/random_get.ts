/**
 * random_get: the whole buffer is filled (checked as "not all zero" and "two reads differ":
 * a chance failure is ~2^-512), exactly buf_len bytes are written, zero-length requests succeed
 * even at the end of memory, large buffers are filled to their last byte, and bad buffers trap.
 */
import { suite, type Fixture } from '../dsl.js';
import { TRAP_ALTS } from '../lib/fd-io.js';
import { allBytesAre, anyNonZero, bytesDiffer, distinctByteValues } from '../lib/memory-checks.js';

const QUOTE = 'Write high-quality random data into a buffer.';

/** Fill len bytes at ptr (the call under test). */
function fill(f: Fixture, ptr: number, len: number): void {
  f.expectSuccess(f.call('random_get', ptr, len));
}

export default suite('random_get', [
  {
    name: 'fills-buffer', tags: ['basic'], quote: QUOTE,
    description: 'a 64-byte request is filled: the bytes are not all zero',
    body: (f) => {
      const buf = f.alloc(64);
      fill(f, buf, 64);
      f.checkTrue('not_all_zero', anyNonZero(f, buf, 64), 'some of the 64 bytes are non-zero');
    },
  },
  {
    name: 'two-reads-differ', tags: ['basic'], quote: QUOTE,
    description: 'two successive 64-byte requests return different bytes',
    body: (f) => {
      const a = f.alloc(64);
      const b = f.alloc(64);
      fill(f, a, 64);
      f.ok(f.call('random_get', b, 64), 'second random_get');
      f.checkTrue('reads_differ', bytesDiffer(f, a, b, 64), 'the two buffers differ');
    },
  },
  {
    name: 'bytes-spread', tags: ['edge'], quote: QUOTE,
    description: '256 random bytes take many distinct values (at least 64), not a repeated pattern',
    body: (f) => {
      const buf = f.alloc(256);
      fill(f, buf, 256);
      // 256 uniform bytes take ~162 distinct values; below 64 is far outside any chance result
      f.checkTrue('distinct_values_ge_64', `(i32.ge_u ${distinctByteValues(f, buf, 256)} (i32.const 64))`, 'at least 64 distinct byte values');
    },
  },
  {
    name: 'writes-exactly-buf-len', tags: ['edge'],
    description: 'a 7-byte request leaves the byte before and the 9 bytes after the buffer untouched',
    body: (f) => {
      const area = f.sentinel(24, 0x5a);
      fill(f, area + 8, 7);
      f.checkTrue('before_untouched', allBytesAre(f, area, 8, 0x5a), 'the 8 bytes before the buffer keep 0x5a');
      f.checkTrue('after_untouched', allBytesAre(f, area + 15, 9, 0x5a), 'the 9 bytes after the buffer keep 0x5a');
    },
  },
  {
    name: 'last-byte-filled', tags: ['edge'],
    description: 'the last byte of the request is written too (33 requests of 1 byte are not all zero)',
    body: (f) => {
      // one byte per call, so a runtime that fills len-1 bytes leaves all of them zero
      const buf = f.alloc(33);
      for (let i = 0; i < 33; i++) f.ok(f.call('random_get', buf + i, 1), `random_get of byte ${i}`);
      f.checkTrue('not_all_zero', anyNonZero(f, buf, 33), 'some of 33 single-byte requests are non-zero');
    },
  },
  {
    name: 'zero-length', tags: ['edge'],
    description: 'a zero-length request succeeds and writes nothing',
    body: (f) => {
      const buf = f.sentinel(8, 0x5a);
      f.expectSuccess(f.call('random_get', buf, 0));
      f.checkTrue('untouched', allBytesAre(f, buf, 8, 0x5a), 'the buffer keeps 0x5a');
    },
  },
  {
    name: 'zero-length-at-end-of-memory', tags: ['edge', 'pointers'],
    description: 'a zero-length request at the end of memory is in bounds: success',
    body: (f) => { f.expectSuccess(f.call('random_get', f.memEnd, 0)); },
  },
  {
    name: 'buffer-ending-at-end-of-memory', tags: ['edge', 'pointers'],
    description: 'a buffer whose last byte is the last byte of memory is filled',
    body: (f) => {
      fill(f, f.memEnd - 64, 64);
      f.checkTrue('not_all_zero', anyNonZero(f, f.memEnd - 64, 64), 'some of the 64 bytes are non-zero');
    },
  },
  {
    name: 'large-buffer', tags: ['edge'], pages: 4,
    description: 'a 200 000-byte request (over the 65 536-byte Web Crypto limit) is filled to its end',
    body: (f) => {
      const len = 200_000;
      const buf = f.alloc(len);
      fill(f, buf, len);
      f.checkTrue('start_not_all_zero', anyNonZero(f, buf, 64), 'the first 64 bytes are not all zero');
      f.checkTrue('past_64k_not_all_zero', anyNonZero(f, buf + 65536, 64), 'the 64 bytes after 64 KiB are not all zero');
      f.checkTrue('end_not_all_zero', anyNonZero(f, buf + len - 64, 64), 'the last 64 bytes are not all zero');
    },
  },
  {
    name: 'odd-address', tags: ['edge'],
    description: 'a buffer at an odd address is filled (bytes have no alignment)',
    body: (f) => {
      const area = f.sentinel(72, 0);
      fill(f, area + 3, 64);
      f.checkTrue('not_all_zero', anyNonZero(f, area + 3, 64), 'some of the 64 bytes are non-zero');
      f.checkTrue('before_untouched', allBytesAre(f, area, 3, 0), 'the 3 bytes before keep 0');
    },
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'],
    description: 'a 16-byte buffer whose last 8 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(f.call('random_get', f.memEnd - 8, 16), TRAP_ALTS),
  },
  {
    name: 'length-wraps-address-space', tags: ['pointers', 'errors', 'edge'],
    description: 'buf_len 0xffffffff from a valid buffer runs past the end of memory: trap',
    body: (f) => f.expectTrap(f.call('random_get', f.alloc(16), 0xffffffff), TRAP_ALTS),
  },
]);
