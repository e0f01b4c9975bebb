module forkspacer.dev/operatorwasm

go 1.24.5

require (
	github.com/forkspacer/forkspacer v0.1.7
	go.yaml.in/yaml/v3 v3.0.4
	sigs.k8s.io/yaml v1.6.0
)

require (
	github.com/Masterminds/semver/v3 v3.4.0 // indirect
	go.yaml.in/yaml/v2 v2.4.3 // indirect
)
