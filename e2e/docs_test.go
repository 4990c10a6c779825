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
	rstOption = regexp.MustCompile(`(?m)^\.\. option:: (--[a-z0-9-]+)`)
	rstEnvvar = regexp.MustCompile(`(?m)^\.\. envvar:: ([A-Z][A-Z0-9_]+)`)
)

// referenceNames reads the configure options and build variables of CPython's
// "Configure Python" page (Doc/using/configure.rst) in the sources of the default
// release, as Bazel fetches them (//docs:configure_reference).
func referenceNames(t *testing.T) (options, variables []string) {
	t.Helper()
	const target = "//docs:configure_reference"
	err, out := bazel(t, "build", target)
	require.NoError(t, err, out)
	files := strings.Fields(string(bazelStdout(t, "cquery", "--output=files", "--ui_event_filters=-info,-progress", target)))
	require.Len(t, files, 1, "the files of %s", target)
	data, err := os.ReadFile(filepath.Join(bazelInfo(t, workspace(t), "execution_root"), files[0]))
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, m := range rstOption.FindAllStringSubmatch(string(data), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			options = append(options, m[1])
		}
	}
	for _, m := range rstEnvvar.FindAllStringSubmatch(string(data), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			variables = append(variables, m[1])
		}
	}
	return options, variables
}

func TestBuildSettingsDocCoversEveryOptionAndVariableOfTheReference(t *testing.T) {
	options, variables := referenceNames(t)
	require.GreaterOrEqual(t, len(options), 60, "options found in the reference: %v", options)
	require.GreaterOrEqual(t, len(variables), 30, "variables found in the reference: %v", variables)
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
