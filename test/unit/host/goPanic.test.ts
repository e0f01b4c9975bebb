// Go panics made readable (host/src/goPanic.ts), on stack texts as the runner and Go print them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashPanic, parseGoStack, pluginFrames, recoveredPanic } from '../../../host/src/goPanic';

const RUNNER = '/home/u/.cache/forkspacer/runners/.build-fdf42d/main.go';
// debug.Stack() in the runner's deferred recover: runner frames, Go's, then the plugin's, a client-go one.
const RECOVERED = `goroutine 1 [running]:
runtime/debug.Stack()
	/usr/local/go/src/runtime/debug/stack.go:26 +0x5e
main.guard.func1()
	${RUNNER}:167 +0x58
panic({0xdf1f20?, 0x1470260?})
	/usr/local/go/src/runtime/panic.go:860 +0x14a
k8s.io/client-go/rest.(*Config).Host(...)
	/root/go/pkg/mod/k8s.io/client-go@v0.34.0/rest/config.go:90 +0x12
example.com/my-plugin/internal/kube.connect(0x0)
	/src/my-plugin/internal/kube/kube.go:12 +0x2a
example.com/my-plugin.manager.Install({{0x17ed5eae8d7?, 0x7fcbabc644c0?}}, {0x7fcbabc5b108?, 0x18?}, 0x17ed5df1008?)
	/src/my-plugin/main.go:34 +0x6d
main.run.func2()
	${RUNNER}:134 +0x27
main.guard({0x17ed5eae8d0?, 0x17ed5dc6f30?}, 0x17ed5eae8d0?)
	${RUNNER}:170 +0x62
main.main()
	${RUNNER}:55 +0x2f
`;

test('parseGoStack reads functions without their arguments, with file and line', () => {
  const frames = parseGoStack(RECOVERED);
  assert.equal(frames.length, 9);
  assert.deepEqual(frames[5], {
    func: 'example.com/my-plugin.manager.Install',
    file: '/src/my-plugin/main.go',
    line: 34,
  });
  assert.equal(frames[2]?.func, 'panic');
});

test("the plugin's frames are its package's and its sub-packages', innermost first", () => {
  const own = pluginFrames(parseGoStack(RECOVERED), 'example.com/my-plugin');
  assert.deepEqual(
    own.map((f) => `${f.func} ${f.line}`),
    ['example.com/my-plugin/internal/kube.connect 12', 'example.com/my-plugin.manager.Install 34'],
  );
  // Without the runner's package name: neither runtime, nor the runner, nor a module dependency.
  assert.deepEqual(pluginFrames(parseGoStack(RECOVERED), undefined), own);
});

test('a recovered panic: one line with the value and file:line, the detail lists the plugin frames first', () => {
  const summary = recoveredPanic('install', { value: 'nil pointer', stack: RECOVERED }, 'example.com/my-plugin');
  assert.equal(summary.message, 'panic in install: nil pointer (kube.go:12)');
  assert.doesNotMatch(summary.message, /\n|\.cache|goroutine/);
  const lines = summary.detail.split('\n');
  assert.deepEqual(lines.slice(0, 6), [
    'panic in install: nil pointer (kube.go:12)',
    "the plugin's frames:",
    '  example.com/my-plugin/internal/kube.connect',
    '      /src/my-plugin/internal/kube/kube.go:12',
    '  example.com/my-plugin.manager.Install',
    '      /src/my-plugin/main.go:34',
  ]);
  assert.ok(summary.detail.endsWith(RECOVERED.trimEnd()), 'then the whole stack');
});

test('a crash report from a plugin goroutine', () => {
  const stderr = [
    'some plugin output',
    'panic: boom in a goroutine',
    '',
    'goroutine 23 [running]:',
    'example.com/my-plugin.manager.Install.func1()',
    '\t/src/my-plugin/main.go:29 +0x25',
    'created by example.com/my-plugin.manager.Install in goroutine 1',
    '\t/src/my-plugin/main.go:28 +0x3a',
  ];
  const summary = crashPanic(stderr, 'example.com/my-plugin');
  assert.equal(summary?.message, 'panic in a plugin goroutine: boom in a goroutine (main.go:29)');
  assert.match(summary!.detail, /frames:\n {2}example\.com\/my-plugin\.manager\.Install\.func1\n/);
  assert.equal(crashPanic(['exit status 3'], 'x'), undefined);
  assert.equal(
    crashPanic(['fatal error: concurrent map writes', '', 'goroutine 7 [running]:'])?.message,
    'fatal error: concurrent map writes',
  );
});
