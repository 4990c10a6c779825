//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var (
	optionLine   = regexp.MustCompile(`^- (--[a-z0-9-]+)`)
	variableLine = regexp.MustCompile(`^- ([A-Z][A-Z0-9_]+)$`)
)

// referenceNames reads the configure options (sections 3.3.1 to 3.3.15) and the
// build variables (3.3.x and 3.5) of CPython's "Configure Python" page, as the
// project's shared reference has it beside the workspace.
func referenceNames(t *testing.T) (options, variables []string) {
	t.Helper()
	seeds, _ := filepath.Glob(filepath.Join(workspace(t), "..", "shared", "seeds", "002_*.txt"))
	if len(seeds) == 0 {
		t.Skip("../shared/seeds/002_* (CPython's configure reference) is not beside the workspace")
	}
	data, err := os.ReadFile(seeds[0])
	require.NoError(t, err)
	seen := map[string]bool{}
	inOptions, inFlags := false, false
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "3.3.1. "):
			inOptions = true
		case strings.HasPrefix(line, "3.4. "):
			inOptions = false
		case strings.HasPrefix(line, "3.5. "):
			inFlags = true
		case strings.HasPrefix(line, "Footnotes"):
			inFlags = false
		}
		if !inOptions && !inFlags {
			continue
		}
		if m := optionLine.FindStringSubmatch(line); m != nil && inOptions && !seen[m[1]] {
			seen[m[1]] = true
			options = append(options, m[1])
		}
		if m := variableLine.FindStringSubmatch(line); m != nil && !seen[m[1]] {
			seen[m[1]] = true
			variables = append(variables, m[1])
		}
	}
	return options, variables
}

func TestBuildSettingsDocCoversEveryOptionAndVariableOfTheReference(t *testing.T) {
	options, variables := referenceNames(t)
	require.GreaterOrEqual(t, len(options), 60, "options found in the reference: %v", options)
	require.GreaterOrEqual(t, len(variables), 40, "variables found in the reference: %v", variables)
	t.Logf("the reference has %d options and %d variables", len(options), len(variables))

	doc, err := os.ReadFile(filepath.Join(workspace(t), "docs", "build-settings.md"))
	require.NoError(t, err)
	rows := map[string]string{}
	for _, line := range strings.Split(string(doc), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) > 3 {
			rows[strings.Trim(strings.TrimSpace(cells[1]), "`")] = strings.TrimSpace(cells[2])
		}
	}
	for _, name := range append(options, variables...) {
		if setting, ok := rows[name]; !ok || !strings.HasPrefix(setting, "`--//config:") {
			t.Errorf("%s of the configure reference has no row with a //config setting in docs/build-settings.md", name)
		}
	}
}

// figure is a measurement as the benchmarks write it: a ratio (1.18×) or a time (9m56s, 36s).
var figure = regexp.MustCompile(`\b\d+(?:\.\d+)?×|\b\d+m\d+s\b|\b\d+s\b`)

// The README's headline figures are copied from docs/benchmarks.md, which the benchmarks
// write: each must be there, so that a figure a new run changed is changed here too.
func TestTheReadmesHeadlineFiguresAreTheBenchmarks(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(workspace(t), "README.md"))
	require.NoError(t, err)
	benchmarks, err := os.ReadFile(filepath.Join(workspace(t), "docs", "benchmarks.md"))
	require.NoError(t, err)
	section := regexp.MustCompile(`(?s)\n## Benchmarks\n(.*?)\n## `).FindSubmatch(readme)
	require.NotNil(t, section, "the README has a Benchmarks section")
	figures := figure.FindAllString(string(section[1]), -1)
	require.GreaterOrEqual(t, len(figures), 4, "the README's headline figures: %v", figures)
	for _, f := range figures {
		require.Contains(t, string(benchmarks), f, "the README's figure %s is not in docs/benchmarks.md", f)
	}
}

// Every file or folder the README links to (docs/build-settings.md, the settings table,
// among them) is in the repository.
func TestTheReadmesLinksPointIntoTheRepository(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(workspace(t), "README.md"))
	require.NoError(t, err)
	links := regexp.MustCompile(`\]\(([^)#:]+)(?:#[^)]*)?\)`).FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, links)
	seen := map[string]bool{}
	for _, l := range links {
		seen[l[1]] = true
		_, err := os.Stat(filepath.Join(workspace(t), l[1]))
		require.NoError(t, err, "the README links to %s", l[1])
	}
	require.True(t, seen["docs/build-settings.md"], "the README links the settings table")
}
