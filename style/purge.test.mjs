// What style/purge.mjs keeps and drops. Run by scripts/test.sh (phase "tools").
import test from 'node:test';
import assert from 'node:assert/strict';
import { classesIn, purge, reachesOut } from './purge.mjs';

const rust = `
  view! { <strong class="nhsuk-tag nhsuk-tag--green">"Met"</strong> }
  <input class=format!("nhsuk-input nhsuk-input--width-{width}")/>
  <div class="app-as-of" class:nhsuk-form-group--error=move || bad.get()>
`;
const classes = classesIn([rust]);

test('classes are read from source text, a trailing hyphen making a prefix', () => {
  assert.ok(classes.used.has('nhsuk-tag--green'));
  assert.ok(classes.used.has('nhsuk-form-group--error'));
  assert.ok(classes.used.has('app-as-of'));
  assert.deepEqual(classes.prefixes, ['nhsuk-input--width-']);
});

test('rules for classes nobody names are dropped, element rules and used classes kept', () => {
  const css = 'body{margin:0}.nhsuk-tag{color:red}.nhsuk-tag--blue{color:blue}.nhsuk-header__search{display:block}'
    + '.nhsuk-input--width-10{width:10em}.nhsuk-input--width-2{width:2em}.nhsuk-input--error{border:red}';
  assert.equal(purge(css, classes),
    'body{margin:0}.nhsuk-tag{color:red}.nhsuk-input--width-10{width:10em}.nhsuk-input--width-2{width:2em}');
});

test('a selector list keeps only the selectors that can match', () => {
  assert.equal(purge('.nhsuk-tag,.nhsuk-card__heading{font-weight:bold}', classes), '.nhsuk-tag{font-weight:bold}');
});

test('a selector needing two classes needs both; classes under :not() are not needed', () => {
  assert.equal(purge('.nhsuk-tag .nhsuk-card{x:1}', classes), '');
  assert.equal(purge('.nhsuk-tag:not(.nhsuk-card){x:1}', classes), '.nhsuk-tag:not(.nhsuk-card){x:1}');
});

test('media queries left empty and keyframes nothing uses go too', () => {
  const css = '@media print{.nhsuk-header__search{display:none}}@media print{.nhsuk-tag{color:#000}}'
    + '@keyframes spin{to{transform:rotate(1turn)}}.nhsuk-loader{animation:spin 1s}';
  assert.equal(purge(css, classes), '@media print{.nhsuk-tag{color:#000}}');
});

test('a web font or another origin in the stylesheet is caught', () => {
  assert.ok(reachesOut('@font-face{font-family:x;src:url(x.woff2)}'));
  assert.ok(reachesOut('a{background:url("https://example.com/x.png")}'));
  assert.ok(reachesOut('a{background:url(//example.com/x.png)}'));
  assert.ok(!reachesOut('a{background:url("assets/images/x.svg")}'));
});
