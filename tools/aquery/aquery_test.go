package aquery

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseResolvesOutputPathsAndJoinsParamFileArguments(t *testing.T) {
	graph := `{"artifacts": [{"id": 1, "pathFragmentId": 4}, {"id": 2, "pathFragmentId": 5}, {"id": 3, "pathFragmentId": 6}],
		"actions": [{"mnemonic": "GoLink", "actionKey": "k1", "outputIds": [3]},
			{"mnemonic": "CpythonBuild", "actionKey": "k2", "arguments": ["builder", "cpython"], "outputIds": [1, 2],
			 "environmentVariables": [{"key": "PATH", "value": "/usr/bin"}],
			 "paramFiles": [{"arguments": ["--jobs=2"]}]}],
		"pathFragments": [{"id": 7, "label": "bazel-out"}, {"id": 8, "label": "k8-fastbuild", "parentId": 7},
			{"id": 9, "label": "bin", "parentId": 8}, {"id": 4, "label": "python.log", "parentId": 9},
			{"id": 10, "label": "python_install", "parentId": 9}, {"id": 5, "label": "lib", "parentId": 10},
			{"id": 6, "label": "builder", "parentId": 9}]}`

	actions, err := Parse([]byte(graph))

	require.NoError(t, err)
	require.Equal(t, []Action{
		{Mnemonic: "GoLink", ActionKey: "k1", Arguments: []string{}, Outputs: []string{"bazel-out/k8-fastbuild/bin/builder"}},
		{Mnemonic: "CpythonBuild", ActionKey: "k2", Arguments: []string{"builder", "cpython", "--jobs=2"},
			Outputs:     []string{"bazel-out/k8-fastbuild/bin/python.log", "bazel-out/k8-fastbuild/bin/python_install/lib"},
			Environment: map[string]string{"PATH": "/usr/bin"}},
	}, actions)
}

func TestParseRefusesAnOutputThatIsNoArtifactAndBrokenJSON(t *testing.T) {
	_, err := Parse([]byte(`{"actions": [{"mnemonic": "CpythonBuild", "outputIds": [9]}]}`))
	require.ErrorContains(t, err, "output 9, which is not among the artifacts")

	_, err = Parse([]byte(`{"actions": [`))
	require.ErrorContains(t, err, "reading aquery output")
}
