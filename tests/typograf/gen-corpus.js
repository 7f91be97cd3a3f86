// Regenerates corpus.json from a checkout of typograf/typograf (MIT):
//   node tests/typograf/gen-corpus.js PATH/TO/typograf [COMMIT] > tests/typograf/corpus.json
// Reads the `ru` rule tests (src/rules/**/*.test.ts) for their inputs only;
// typograf's own output is computed at test time by oracle.js.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = process.argv[2];
const commit = process.argv[3] || execFileSync('git', ['-C', root, 'rev-parse', 'HEAD']).toString().trim();
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const notice = fs.readFileSync(path.join(root, 'LICENSE.md'), 'utf8').trim();

// metodist's rule groups ([typography] switches) and typograf's rules in each.
const dashes = ['centuries', 'daysMonth', 'decade', 'directSpeech', 'main', 'month', 'surname',
    'time', 'weekday', 'years'].map(r => 'ru/dash/' + r);
const groups = {
    quotes: ['common/punctuation/quote'],
    dashes,
    nbsp: [/^ru\/nbsp\//, /^common\/nbsp\//],
    ellipsis: ['common/punctuation/hellip', 'ru/punctuation/hellipQuestion', 'ru/space/afterHellip'],
    numbers: ['common/number/digitGrouping'],
    punctuation: ['common/punctuation/delDoublePunctuation', 'common/space/delBeforePunctuation',
        'common/space/delBetweenExclamationMarks', 'ru/punctuation/exclamation',
        'ru/punctuation/exclamationQuestion', 'common/space/delBeforeDot',
        'common/space/delBeforePercent', 'common/space/delRepeatSpace'],
};
const groupOf = rule => Object.keys(groups).find(g =>
    groups[g].some(m => typeof m === 'string' ? m === rule : m.test(rule)));

const files = [];
(function walk(dir) {
    for (const f of fs.readdirSync(dir).sort()) {
        const p = path.join(dir, f);
        if (fs.statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.test.ts')) files.push(p);
    }
})(path.join(root, 'src', 'rules'));

const cases = [];
const count = {};
for (const file of files) {
    const source = fs.readFileSync(file, 'utf8').replace(/^import .*$/mg, '');
    const collect = ([rule, items, props]) => {
        const group = groupOf(rule);
        const locale = (props && props.locale) || rule.split('/')[0];
        const ru = [].concat(locale).some(l => l === 'ru' || l === 'common');
        if (!group || !ru) return;
        for (const [input, , settings] of items) {
            count[rule] = (count[rule] || 0) + 1;
            const enable = settings && settings.enableRule ? [].concat(settings.enableRule) : [];
            cases.push({ id: `${rule}#${count[rule]}`, group, rules: [rule, ...enable], input });
        }
    };
    // The test files are plain data passed to a helper; only that helper is needed.
    new Function('typografRuleTest', 'typografInnerRuleTest', 'typografTest', source)(
        collect, () => {}, () => {});
}
process.stdout.write(JSON.stringify({
    source: 'https://github.com/typograf/typograf',
    commit,
    version,
    notice,
    cases,
}, null, 1) + '\n');
