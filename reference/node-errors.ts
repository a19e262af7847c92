/**
 * node's error objects for API misuse, reproduced so code written for node:wasi sees the same
 * thing: the same class (TypeError / RangeError / Error), an own enumerable `code`, the same
 * message text, and `String(err)` / the stack header `TypeError [CODE]: message`.
 * The message formats were taken from node 20's observable behaviour (see
 * test/reference-parity.test.ts, which checks them against node:wasi).
 */
import { inspect } from 'node:util';

type ErrorClass = typeof Error | typeof TypeError | typeof RangeError;

/** An error of `Base` with node's `code` property, `toString()` and stack header. */
function nodeError(Base: ErrorClass, code: string, message: string, showCode = true): Error {
  const err = new Base(message);
  if (showCode) {
    // The stack header is formatted from `name` when captured: capture it with the code shown.
    Object.defineProperty(err, 'name', { value: `${err.name} [${code}]`, configurable: true, writable: true });
    Error.captureStackTrace(err, nodeError);
    delete (err as { name?: string }).name;
    Object.defineProperty(err, 'toString', {
      value(this: Error) { return `${this.name} [${code}]: ${this.message}`; },
      configurable: true, writable: true, enumerable: false,
    });
  }
  (err as Error & { code: string }).code = code;
  return err;
}

/** node's description of a received value: `type number (1)`, `an instance of Map`, `null`, … */
export function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'bigint': return `type bigint (${value}n)`;
    case 'number': return `type number (${Object.is(value, -0) ? '-0' : String(value)})`;
    case 'boolean': return `type boolean (${value})`;
    case 'symbol': return `type symbol (${String(value)})`;
    case 'function': return `function ${value.name}`;
    case 'string': {
      const s = value.length > 28 ? `${value.slice(0, 25)}...` : value;
      return `type string (${s.includes("'") ? JSON.stringify(s) : `'${s}'`})`;
    }
    default: {
      const ctor = (value as { constructor?: { name?: unknown } }).constructor;
      if (ctor && typeof ctor.name === 'string') return `an instance of ${ctor.name}`;
      return inspect(value, { depth: -1 });
    }
  }
}

/** `The "options.x" property` / `The "instance" argument`. */
function subject(name: string): string {
  return `The "${name}" ${name.includes('.') ? 'property' : 'argument'}`;
}

/** ERR_INVALID_ARG_TYPE, e.g. `expected` = `of type string`, `an instance of Array`. */
export function invalidArgType(name: string, expected: string, actual: unknown): TypeError {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `${subject(name)} must be ${expected}. Received ${describeReceived(actual)}`);
}

/**
 * ERR_INVALID_ARG_TYPE with a free-form message: node's wording for a bad memory export, raised
 * from C++ like ERR_WASI_NOT_STARTED (so `String(err)` shows no code).
 */
export function invalidArgTypeMessage(message: string): TypeError {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', message, false);
}

/** ERR_INVALID_ARG_VALUE: `The property 'options.version' unsupported WASI version. Received 'x'`. */
export function invalidArgValue(name: string, value: unknown, reason: string): TypeError {
  const kind = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${inspect(value)}`);
}

/** A number as ERR_OUT_OF_RANGE shows it: integers beyond 2**32 with `_` separators. */
function formatRangeValue(n: number): string {
  if (!Number.isInteger(n) || Math.abs(n) <= 2 ** 32) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

/** ERR_OUT_OF_RANGE: `The value of "options.stdin" is out of range. It must be <range>. Received <n>`. */
export function outOfRange(name: string, range: string, value: number): RangeError {
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE',
    `The value of "${name}" is out of range. It must be ${range}. Received ${formatRangeValue(value)}`);
}

export function wasiAlreadyStarted(): Error {
  return nodeError(Error, 'ERR_WASI_ALREADY_STARTED', 'WASI instance has already started');
}

/** A syscall before bindings are finalized; node raises this one from C++ (no code in toString). */
export function wasiNotStarted(): Error {
  return nodeError(Error, 'ERR_WASI_NOT_STARTED', 'wasi.start() has not been called', false);
}
