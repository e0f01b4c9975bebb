#!/usr/bin/env bash
# Builds the control plane the cluster tests run against (issue 9, ../shared/CLUSTER.md): etcd 3.6.4,
# kube-apiserver v1.34.1, kubectl v1.34.1 (optional: CONTROLPLANE_KUBECTL=0 skips it) and the Forkspacer operator
# v0.1.7, all from the Go module proxy, from the consumer modules under scripts/controlplane/ (their go.sum files
# are committed, so every build resolves the same versions).
# Binaries are cached under .tools/controlplane/<key>/ (git-ignored), the key being the versions, the Go version
# and a hash of the consumer modules; .tools/controlplane/current points at the last one built. A cached build
# takes no time. Prints the folder on its last line.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
eval "$(node scripts/goproxy.cjs)"
export CGO_ENABLED=1 GOWORK=off GOFLAGS=-buildvcs=false

ETCD_VERSION=3.6.4
K8S_VERSION=v1.34.1
OPERATOR_VERSION=0.1.7
SRC="$ROOT/scripts/controlplane"
start=$(date +%s)
step() { echo "== $*" >&2; }

# Module resolution (only when a go.sum is missing or incomplete, e.g. after editing a go.mod).
if [ ! -s "$SRC/k8s/go.sum" ]; then
  step "resolving the kubernetes modules (go mod tidy)"
  (cd "$SRC/k8s" && go mod tidy)
fi
if ! grep -q 'sigs.k8s.io/controller-runtime' "$SRC/operator/go.sum" 2>/dev/null; then
  # tidy keeps what tools.go imports (what test plugins use); go get then adds the sums of the operator's main
  # package, which no package of the module imports (tidy would drop them).
  step "resolving the operator's module (github.com/forkspacer/forkspacer/cmd@v$OPERATOR_VERSION)"
  (cd "$SRC/operator" && go mod tidy && go get "github.com/forkspacer/forkspacer/cmd@v$OPERATOR_VERSION")
fi

HASH="$(cd "$SRC" && find . -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-12)"
KEY="etcd-$ETCD_VERSION-k8s-$K8S_VERSION-operator-$OPERATOR_VERSION-$(go env GOVERSION)-$HASH"
OUT="$ROOT/.tools/controlplane/$KEY"
mkdir -p "$OUT"

K8S_LDFLAGS="-X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=34"
timed() { local t=$(date +%s); "$@"; step "  took $(( $(date +%s) - t )) s"; }

(
  cd "$SRC/k8s"
  if [ ! -x "$OUT/etcd" ]; then
    step "building etcd $ETCD_VERSION"
    timed go build -o "$OUT/etcd.tmp" ./etcd && mv "$OUT/etcd.tmp" "$OUT/etcd"
  fi
  if [ ! -x "$OUT/kube-apiserver" ]; then
    step "building kube-apiserver $K8S_VERSION"
    timed go build -ldflags "$K8S_LDFLAGS" -o "$OUT/kube-apiserver.tmp" ./apiserver && mv "$OUT/kube-apiserver.tmp" "$OUT/kube-apiserver"
  fi
  if [ "${CONTROLPLANE_KUBECTL:-1}" != 0 ] && [ ! -x "$OUT/kubectl" ]; then
    step "building kubectl $K8S_VERSION"
    timed go build -ldflags "$K8S_LDFLAGS" -o "$OUT/kubectl.tmp" ./kubectl && mv "$OUT/kubectl.tmp" "$OUT/kubectl"
  fi
)

(
  cd "$SRC/operator"
  if [ ! -x "$OUT/manager" ]; then
    # cgo on, no -trimpath: plugins built the same way (test/cluster/harness/plugins.ts) load into it.
    step "building the operator v$OPERATOR_VERSION"
    timed go build -ldflags "-X github.com/forkspacer/forkspacer/pkg/constants/version.Version=$OPERATOR_VERSION" \
      -o "$OUT/manager.tmp" github.com/forkspacer/forkspacer/cmd && mv "$OUT/manager.tmp" "$OUT/manager"
  fi
  # The CRDs and the operator's RBAC role from the same module in the module cache; its go.mod/go.sum and Go
  # version for building test plugins with exactly the operator's module versions.
  dir="$(go list -m -f '{{.Dir}}' github.com/forkspacer/forkspacer)"
  mkdir -p "$OUT/config"
  cp "$dir"/config/crd/bases/*.yaml "$dir/config/rbac/role.yaml" "$OUT/config/"
  chmod u+w "$OUT"/config/*
  cp go.mod go.sum "$OUT/config/"
  go env GOVERSION > "$OUT/config/goversion"
)

ln -sfn "$KEY" "$ROOT/.tools/controlplane/current"
step "control plane ready in $(( $(date +%s) - start )) s: $OUT"
echo "$OUT"
