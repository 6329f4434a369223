// SPDX-License-Identifier: GPL-3.0-or-later
// Counts the record messages Garmin's FIT SDK decodes from a file: the
// oracle test-fit-recovery compares the app's FIT reader with.
// Usage: node fitsdk-count.mjs SDK_DIR FILE
// Prints one line: "records N timed T positioned P errors E".
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const [sdkDir, file] = process.argv.slice(2);
const require = createRequire(resolve(sdkDir, "package.json"));
const sdk = await import(require.resolve("@garmin/fitsdk"));
const { Decoder, Stream } = sdk.default ?? sdk;

const bytes = readFileSync(file);
const stream = Stream.fromByteArray(Array.from(bytes));
const decoder = new Decoder(stream);
// The SDK stops at the first problem and returns what it decoded so far.
const { messages, errors } = decoder.read();
const records = messages.recordMesgs ?? [];
const timed = records.filter((r) => r.timestamp !== undefined).length;
const positioned = records.filter((r) => r.positionLat !== undefined && r.positionLong !== undefined).length;
console.log(`records ${records.length} timed ${timed} positioned ${positioned} errors ${errors.length}`);
