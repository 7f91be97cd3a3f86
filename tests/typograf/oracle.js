// typograf as the oracle: runs each corpus case with only its rules enabled
// (as typograf's own rule tests do) and prints the outputs as a JSON array.
//   node tests/typograf/oracle.js NODE_MODULES_DIR < corpus.json
'use strict';
const Typograf = require(require('path').resolve(process.argv[2], 'typograf'));
const corpus = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = corpus.cases.map(c =>
    new Typograf({ locale: 'ru', disableRule: '*', enableRule: c.rules }).execute(c.input));
process.stdout.write(JSON.stringify(out));
