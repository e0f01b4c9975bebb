module forkspacer.dev/oracle

go 1.22

require (
	github.com/Masterminds/semver/v3 v3.4.0
	go.yaml.in/yaml/v3 v3.0.4
	sigs.k8s.io/yaml v1.6.0
)

require go.yaml.in/yaml/v2 v2.4.2 // indirect
