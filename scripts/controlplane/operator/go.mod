// Consumer module for the Forkspacer operator v0.1.7 (scripts/build-controlplane.sh, issue 9). Test plugins that
// the operator loads are built inside a copy of this module, so they share its module versions exactly.
module forkspacer.local/controlplane/operator

go 1.24.5

require github.com/forkspacer/forkspacer v0.1.7
