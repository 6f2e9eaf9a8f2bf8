import fs from "node:fs/promises";
import { createRequire } from "node:module";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { createMigrationAdapterFactory } from "./pg-migration-adapter";

// Prisma's schema engine compiled to WebAssembly, driven through a driver
// adapter. The Prisma CLI's native engine is a binary downloaded on first use,
// which cannot happen offline; this one ships inside an npm package. It is
// loaded the way Prisma's own loader does (@prisma/internals
// WasmSchemaEngineLoader): the package's entry `import`s the .wasm file
// directly, which Node only allows behind --experimental-wasm-modules.

export type TSchemaEngine = SchemaEngine;
export type TSchemaFile = { path: string; content: string };

// The Wasm glue reports Rust panics by calling
// `global.PRISMA_WASM_PANIC_REGISTRY.set_message(...)`; without it a panic
// surfaces as "Cannot read properties of undefined".
type TPanicRegistry = { get: () => string; set_message: (message: string) => void };
declare global {
  // eslint-disable-next-line no-var
  var PRISMA_WASM_PANIC_REGISTRY: TPanicRegistry | undefined;
}

function createPanicRegistry(): TPanicRegistry {
  let message = "";
  return {
    get: () => message,
    set_message: (value) => {
      message = `RuntimeError: ${value}`;
    },
  };
}

type TEngineClass = typeof SchemaEngine;
let engineClass: Promise<TEngineClass> | undefined;

// Once per process: wasm-bindgen keeps module-level state, and a second
// instantiation breaks the first (Prisma's loader notes the same).
function loadEngineClass(): Promise<TEngineClass> {
  engineClass ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= createPanicRegistry();
    // Some panics escape the engine's promises and crash the process as a bare
    // "RuntimeError: unreachable"; print what the engine said first.
    process.on("uncaughtExceptionMonitor", (error) => {
      if (error?.name === "RuntimeError") console.error(`The schema engine crashed: ${globalThis.PRISMA_WASM_PANIC_REGISTRY?.get()}`);
    });
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmModule = new WebAssembly.Module(await fs.readFile(gluePath.replace(/\.js$/, ".wasm")));
    const instance = new WebAssembly.Instance(wasmModule, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    (glue as unknown as { __wbg_set_wasm: (exports: WebAssembly.Exports) => void }).__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

export type TWithSchemaEngineOptions = {
  /** The database the engine works on. Shadow databases are created next to it. */
  url: string;
  /** The Prisma schema, for commands that read it. */
  schemaFiles?: TSchemaFile[];
  /** The engine's tracing output (JSON lines). */
  onLog?: (line: string) => void;
};

/** Runs `fn` with a schema engine connected to `url`, then frees it and closes every connection it opened. */
export async function withSchemaEngine<T>(
  options: TWithSchemaEngineOptions,
  fn: (engine: TSchemaEngine) => Promise<T>,
): Promise<T> {
  const EngineClass = await loadEngineClass();
  const factory = createMigrationAdapterFactory(options.url);
  let engine: TSchemaEngine | undefined;
  try {
    // `datamodels` must be undefined or non-empty.
    const datamodels = options.schemaFiles?.length
      ? options.schemaFiles.map((file): [string, string] => [file.path, file.content])
      : undefined;
    engine = await EngineClass.new(
      { datamodels },
      (line: string) => options.onLog?.(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine);
  } catch (error) {
    throw describeEngineError(error);
  } finally {
    engine?.free();
    await factory.close();
  }
}

export class SchemaEngineError extends Error {
  /** Prisma's error code (e.g. P3018 "a migration failed to apply"), when the engine gives one. */
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined, cause: unknown) {
    super(message, { cause });
    this.name = "SchemaEngineError";
    this.code = code;
  }
}

function describeEngineError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === "RuntimeError") {
    const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.get() || error.message;
    return new SchemaEngineError(`The schema engine crashed: ${panic}`, undefined, error);
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^P\d{4}$/.test(code)) {
    return new SchemaEngineError(`${code}: ${error.message}`, code, error);
  }
  if (error.name === "SchemaConnectorError") {
    // The engine appends its Rust span trace ("   0: schema_engine_wasm::..."); the first part is the message,
    // and the trace names the migration being applied, if any.
    const [message = error.message, trace = ""] = error.message.split(/\n\s+0: /);
    const migration = /migration_name="([^"]+)"/.exec(trace)?.[1];
    return new SchemaEngineError(migration ? `Migration ${migration} failed: ${message}` : message, undefined, error);
  }
  return error;
}
