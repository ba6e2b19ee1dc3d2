#!/usr/bin/env node
// test/sytest/update-passing.mjs: merge the passes of a SyTest run into test/sytest/passing.txt,
// and refuse to let the list shrink. See README.md here.
//
//   node test/sytest/update-passing.mjs RESULTS.tap [RESULTS.tap ...] [--passing FILE] [--check]
//
// passing.txt holds one SyTest test name per line, sorted: the tests Switchboard has passed. A
// test passes on `ok`; `ok ... # skip` and `not ok` do not. A test name in passing.txt that a run
// reports as `not ok` or skipped is a regression: the script lists every one, exits 1 and leaves
// passing.txt alone. Tests the run did not include (areas or files not selected) stay listed.
// The few names SyTest uses in two places (e.g. "New room members see their own join event")
// count as passed only when every occurrence in the run passed.
// --check: report only, never write (exit 1 on regressions, 0 otherwise).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
let passingFile = join(dirname(fileURLToPath(import.meta.url)), 'passing.txt');
let check = false;
const taps = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--passing') passingFile = args[++i];
  else if (args[i] === '--check') check = true;
  else if (args[i] === '-h' || args[i] === '--help') {
    console.log('usage: update-passing.mjs RESULTS.tap [RESULTS.tap ...] [--passing FILE] [--check]');
    process.exit(0);
  } else taps.push(args[i]);
}
if (taps.length === 0) {
  console.error('usage: update-passing.mjs RESULTS.tap [RESULTS.tap ...] [--passing FILE] [--check]');
  process.exit(2);
}

/** The worst status of a name's occurrences counts. */
const RANK = { pass: 0, skip: 1, fail: 2 };

/** name -> 'pass' | 'fail' | 'skip' over one TAP file, a name failing if any occurrence did not pass. */
function parseTap(path) {
  const status = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^(ok|not ok) \d+ (.*)$/.exec(line);
    if (!m) continue; // diagnostics, plan, indented subtest lines
    let rest = m[2];
    let s = m[1] === 'ok' ? 'pass' : 'fail';
    if (s === 'pass') {
      const skip = / # skip(?: .*)?$/.exec(rest);
      if (skip) {
        s = 'skip';
        rest = rest.slice(0, skip.index);
      }
    }
    const todo = / # TODO (passed but expected fail|expected fail)$/.exec(rest);
    if (todo) rest = rest.slice(0, todo.index);
    if (rest.startsWith('(expected fail) ')) rest = rest.slice('(expected fail) '.length);
    const name = rest.replace(/ \(\d+ subtests\)$/, '');
    const before = status.get(name);
    if (before === undefined || RANK[s] > RANK[before]) status.set(name, s);
  }
  return status;
}

const previous = existsSync(passingFile)
  ? readFileSync(passingFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
  : [];
const passing = new Set(previous);
const regressions = [];
const added = [];
for (const tap of taps) {
  const results = parseTap(tap);
  if (results.size === 0) {
    console.error(`${tap}: no test results in it`);
    process.exit(2);
  }
  for (const [name, s] of results) {
    if (s === 'pass') {
      if (!passing.has(name)) {
        passing.add(name);
        added.push(name);
      }
    } else if (passing.has(name) && !added.includes(name)) {
      regressions.push(`${name}  [${s === 'skip' ? 'skipped' : 'failed'} in ${tap}]`);
    }
  }
}

if (regressions.length > 0) {
  console.error(`REGRESSION: ${regressions.length} test(s) in ${passingFile} no longer pass:`);
  for (const r of regressions) console.error(`  ${r}`);
  console.error('passing.txt is unchanged. Fix them; passing.txt never shrinks.');
  process.exit(1);
}
const sorted = [...passing].sort();
console.log(`${passingFile}: ${previous.length} before, ${added.length} new, ${sorted.length} now`);
for (const name of added.sort()) console.log(`  + ${name}`);
if (!check) writeFileSync(passingFile, sorted.map((n) => `${n}\n`).join(''));
