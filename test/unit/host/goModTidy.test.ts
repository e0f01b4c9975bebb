// Which go build failures mean "go.mod/go.sum lag behind the code" (fixed by go mod tidy), and the short reason
// shown instead of go's own hint. The outputs are go 1.26's, captured from real builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { staleModuleFiles } from '../../../host/src/goModTidy';

test('missing go.sum entries, a go.mod that needs updates, an import no module provides: go mod tidy', () => {
  const noSum = `main.go:11:2: missing go.sum entry for module providing package github.com/forkspacer/forkspacer/pkg/manager/base (imported by example.com/p); to add:
\tgo get example.com/p
main.go:7:2: missing go.sum entry for module providing package github.com/go-logr/logr (imported by example.com/p); to add:
\tgo get example.com/p
`;
  assert.equal(
    staleModuleFiles(noSum),
    'missing go.sum entry for module providing package github.com/forkspacer/forkspacer/pkg/manager/base, and 1 more',
  );
  assert.equal(
    staleModuleFiles('go: updates to go.mod needed; to update it:\n\tgo mod tidy\n'),
    'go: updates to go.mod needed',
  );
  assert.equal(
    staleModuleFiles(
      'main.go:9:2: no required module provides package k8s.io/client-go/rest; to add it:\n\tgo get k8s.io/client-go/rest\n',
    ),
    'no required module provides package k8s.io/client-go/rest',
  );
  // A dependency's own file is named by its module cache path: dropped as well.
  assert.equal(
    staleModuleFiles(
      '/root/go/pkg/mod/github.com/forkspacer/forkspacer@v0.1.7/pkg/manager/base/base.go:7:2: missing go.sum entry for module providing package github.com/go-logr/logr (imported by example.com/p); to add:\n',
    ),
    'missing go.sum entry for module providing package github.com/go-logr/logr',
  );
});

test('other build failures are not about go.mod/go.sum', () => {
  assert.equal(staleModuleFiles('./main.go:12:3: undefined: fmt.Printn\n'), undefined);
  assert.equal(staleModuleFiles('verifying github.com/x/y@v1.0.0: checksum mismatch\n'), undefined);
  assert.equal(staleModuleFiles(''), undefined);
});
