// Package aquery reads the action graph that `bazel aquery --output=jsonproto` prints,
// where an output is an artifact id and its path a chain of path fragments, each naming
// its parent; the bench and the end-to-end tests both need the actions with their paths.
package aquery

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Action is one action of the graph.
type Action struct {
	Mnemonic  string
	ActionKey string
	// Arguments are the command line, then the arguments of its params files (listed
	// apart when aquery ran with --include_param_files).
	Arguments []string
	// Outputs are paths relative to the execution root.
	Outputs []string
	// Environment is what the action runs with, beside its command line.
	Environment map[string]string
}

// Parse reads the graph and resolves every output's path.
func Parse(data []byte) ([]Action, error) {
	var graph struct {
		Actions []struct {
			Mnemonic  string   `json:"mnemonic"`
			ActionKey string   `json:"actionKey"`
			Arguments []string `json:"arguments"`
			OutputIDs []int    `json:"outputIds"`
			Env       []struct {
				Key   string `json:"key"`
				Value string `json:"value"`
			} `json:"environmentVariables"`
			ParamFiles []struct {
				Arguments []string `json:"arguments"`
			} `json:"paramFiles"`
		} `json:"actions"`
		Artifacts []struct {
			ID             int `json:"id"`
			PathFragmentID int `json:"pathFragmentId"`
		} `json:"artifacts"`
		PathFragments []struct {
			ID       int    `json:"id"`
			Label    string `json:"label"`
			ParentID int    `json:"parentId"`
		} `json:"pathFragments"`
	}
	if err := json.Unmarshal(data, &graph); err != nil {
		return nil, fmt.Errorf("reading aquery output: %w", err)
	}
	type fragment struct {
		label  string
		parent int
	}
	fragments := map[int]fragment{}
	for _, f := range graph.PathFragments {
		fragments[f.ID] = fragment{f.Label, f.ParentID}
	}
	artifacts := map[int]string{}
	for _, a := range graph.Artifacts {
		var parts []string
		for id := a.PathFragmentID; id != 0; id = fragments[id].parent {
			parts = append([]string{fragments[id].label}, parts...)
		}
		artifacts[a.ID] = strings.Join(parts, "/")
	}
	actions := make([]Action, 0, len(graph.Actions))
	for _, a := range graph.Actions {
		action := Action{Mnemonic: a.Mnemonic, ActionKey: a.ActionKey, Arguments: append([]string{}, a.Arguments...)}
		for _, p := range a.ParamFiles {
			action.Arguments = append(action.Arguments, p.Arguments...)
		}
		if len(a.Env) > 0 {
			action.Environment = map[string]string{}
			for _, kv := range a.Env {
				action.Environment[kv.Key] = kv.Value
			}
		}
		for _, id := range a.OutputIDs {
			path, ok := artifacts[id]
			if !ok {
				return nil, fmt.Errorf("aquery output: action %s has output %d, which is not among the artifacts", a.Mnemonic, id)
			}
			action.Outputs = append(action.Outputs, path)
		}
		actions = append(actions, action)
	}
	return actions, nil
}
