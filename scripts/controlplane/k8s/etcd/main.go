// etcd 3.6.4 (the version k8s.io/kubernetes v1.34.1 requires); Debian's 3.4 lacks RequestWatchProgress.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
