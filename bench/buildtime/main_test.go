package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReadExecutionLogSumsActionsByMnemonic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "exec.json")
	// Bazel writes one JSON object per spawn, one after the other.
	log := `{"targetLabel": "//third_party/zlib:zlib", "mnemonic": "AutotoolsBuild", "metrics": {"totalTime": "4.5s"}}
{"targetLabel": "//:python", "mnemonic": "CpythonBuild", "walltime": "250.25s"}
{"targetLabel": "//tools/builder:builder", "mnemonic": "GoLink", "metrics": {"totalTime": "1s"}}`
	require.NoError(t, os.WriteFile(path, []byte(log), 0o644))

	actions, err := readExecutionLog(path)

	require.NoError(t, err)
	require.Equal(t, []action{
		{Label: "//third_party/zlib:zlib", Mnemonic: "AutotoolsBuild", Seconds: 4.5},
		{Label: "//:python", Mnemonic: "CpythonBuild", Seconds: 250.25},
		{Label: "//tools/builder:builder", Mnemonic: "GoLink", Seconds: 1},
	}, actions)
}

func TestStepTimesReadsTheBuilderLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "python.log")
	require.NoError(t, os.WriteFile(path, []byte("==== copy inputs took 2.5s\n==== configure: ./configure\nchecking...\n==== configure took 48.1s\n==== make took 185.6s\n==== install took 22.3s\n==== remove scratch took 1.0s\n"), 0o644))

	steps, err := stepTimes(path)

	require.NoError(t, err)
	require.Equal(t, map[string]float64{"copy inputs": 2.5, "configure": 48.1, "make": 185.6, "install": 22.3, "remove scratch": 1.0}, steps)
}

func TestReportComparesTheFastestCpythonActionWithTheFastestBuildByHand(t *testing.T) {
	actions := []action{
		{Label: "//third_party/openssl:openssl", Mnemonic: "AutotoolsBuild", Seconds: 80},
		{Label: "//third_party/zlib:zlib", Mnemonic: "AutotoolsBuild", Seconds: 4},
		{Label: "//:python", Mnemonic: "CpythonBuild", Seconds: 230},
	}
	runs := []cpythonRun{
		{Seconds: 230, Steps: map[string]float64{"configure": 55, "make": 145, "install": 20}},
		{Seconds: 220, Steps: map[string]float64{"copy inputs": 3, "configure": 50, "make": 140, "install": 20, "check": 1.5, "test suite": 0.5}},
	}
	byHand := []plainTimes{{Configure: 40, Make: 160}, {Configure: 45, Make: 170}}

	plain := []plainTimes{{Configure: 25, Make: 185}, {Configure: 20, Make: 180}}

	md := report(actions, runs, plain, byHand, 400*time.Second, "3.13.99")

	require.Contains(t, md, "| library `//third_party/openssl:openssl` | 80.0 |\n| library `//third_party/zlib:zlib` | 4.0 |")
	require.Contains(t, md, "| **all libraries** (sum of actions; they run one at a time, each with make -j2) | **84.0** |")
	require.Contains(t, md, "| **CPython** (`CpythonBuild`) | **230.0** |", "the cold build's split shows the cold build's action")
	require.Contains(t, md, "CPython action: 230.0, 220.0 s; same configuration by hand: 200.0, 215.0 s; no dependencies: 210.0, 200.0 s.")
	require.Contains(t, md, "| **total** | **220.0** | **200.0** | **200.0** |")
	require.Contains(t, md, "| configure | 50.0 | 40.0 | 20.0 |")
	require.Contains(t, md, "takes **110.00 %** (within the target of at most 110 %) of the time of the same configure and make by hand, and **110.00 %** (within")
	require.Contains(t, md, "| builder: copying the sources and the libraries' install trees into the scratch folder | 3.0 | - | - |")
	require.Contains(t, md, "| builder: .pyc, extension-module and ELF checks | 1.5 | - | - |")
	require.Contains(t, md, "| builder: other logged steps | 0.5 | - | - |")
	require.Contains(t, md, "| the action's time that its log does not account for (as Bazel's execution log times it) | 5.0 | - | - |")
}

func TestReportSaysWhenTheActionIsAboveTheTarget(t *testing.T) {
	runs := []cpythonRun{{Seconds: 220.1, Steps: map[string]float64{"make": 200, "configure": 20.14}}}

	md := report(nil, runs, []plainTimes{{Make: 205}, {Make: 200}}, []plainTimes{{Configure: 40, Make: 180}}, time.Second, "3.13.99")

	require.Contains(t, md, "takes **100.05 %** (within the target of at most 110 %) of the time of the same configure and make by hand, and **110.05 %** (above the target of at most 110 %) of the time of a plain build without dependencies",
		"110.05 % is not printed as 110.0 %, and the fastest plain build counts")
	require.Contains(t, md, "| the action's time that its log does not account for (as Bazel's execution log times it) | 0.0 |", "a rounding residue of -0.04 s is not printed as -0.0")
}

func TestCpythonRunOfWantsExactlyOneCpythonAction(t *testing.T) {
	log := filepath.Join(t.TempDir(), "python.log")
	require.NoError(t, os.WriteFile(log, []byte("==== make took 100.0s\n"), 0o644))

	got, err := cpythonRunOf([]action{{Mnemonic: "GoLink", Seconds: 1}, {Mnemonic: "CpythonBuild", Seconds: 120}}, log)
	require.NoError(t, err)
	require.Equal(t, cpythonRun{Seconds: 120, Steps: map[string]float64{"make": 100}}, got)

	_, err = cpythonRunOf([]action{{Mnemonic: "GoLink", Seconds: 1}}, log)
	require.ErrorContains(t, err, "found 0", "a build that ran no CPython action measured nothing")
}

func TestReadReplayTakesTheLoggedBuildAndMovesItToAnotherFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "python.log")
	log := "==== env CC=/usr/bin/gcc\n" +
		"==== env 'CPPFLAGS=-I/s/x/deps/openssl/include -I/s/x/deps/zlib/include'\n" +
		"==== env PATH=/s/x/bin\n" +
		"==== env TMPDIR=/s/x/tmp\n" +
		"==== Modules/Setup.local: *static*\n" +
		"\n==== configure: /s/x/src/configure --prefix=/install --with-openssl=/s/x/deps/openssl 'ac_cv_search_dbm_open=-lgdbm_compat -lgdbm'\n" +
		"==== configure took 40.0s\n"
	require.NoError(t, os.WriteFile(path, []byte(log), 0o644))

	r, err := readReplay(path)

	require.NoError(t, err)
	require.Equal(t, "/s/x", r.Root)
	require.Equal(t, []string{"*static*"}, r.SetupLocal)
	require.Equal(t, []string{"--prefix=/install", "--with-openssl=/d/deps/openssl", "ac_cv_search_dbm_open=-lgdbm_compat -lgdbm"}, r.configureArgs("/d"))
	require.Equal(t, []string{"CC=/usr/bin/gcc", "CPPFLAGS=-I/d/deps/openssl/include -I/d/deps/zlib/include", "PATH=/usr/bin:/bin", "TMPDIR=/d/tmp"}, r.environment("/d"))
}

func TestReadReplayRefusesALogWithoutTheCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "python.log")
	require.NoError(t, os.WriteFile(path, []byte("==== make took 1s\n"), 0o644))
	_, err := readReplay(path)
	require.ErrorContains(t, err, "no configure command")
}

func TestDepTreesReadsTheDepArgumentsOfTheCpythonAction(t *testing.T) {
	graph := `{"actions": [
		{"mnemonic": "AutotoolsBuild", "paramFiles": [{"arguments": ["--dep=zlib=bazel-out/x/zlib_install"]}]},
		{"mnemonic": "CpythonBuild", "arguments": ["builder", "cpython", "--dep=openssl=bazel-out/k8/bin/third_party/openssl/openssl_install"],
		 "paramFiles": [{"arguments": ["--dep=tcl=bazel-out/k8/bin/third_party/tcl/tcl9_install", "--jobs=2"]}]}]}`
	deps, err := depTrees([]byte(graph))
	require.NoError(t, err)
	require.Equal(t, map[string]string{
		"openssl": "bazel-out/k8/bin/third_party/openssl/openssl_install",
		"tcl":     "bazel-out/k8/bin/third_party/tcl/tcl9_install",
	}, deps)
}

func TestCpythonOutputsResolvesThePathsOfTheActionsOutputs(t *testing.T) {
	graph := `{"artifacts": [{"id": 1, "pathFragmentId": 4}, {"id": 2, "pathFragmentId": 5}, {"id": 3, "pathFragmentId": 6}, {"id": 4, "pathFragmentId": 11}],
		"actions": [{"mnemonic": "GoLink", "outputIds": [3]}, {"mnemonic": "CpythonBuild", "outputIds": [1, 2, 4]}],
		"pathFragments": [{"id": 7, "label": "bazel-out"}, {"id": 8, "label": "k8-fastbuild", "parentId": 7},
			{"id": 9, "label": "bin", "parentId": 8}, {"id": 4, "label": "python.log", "parentId": 9},
			{"id": 10, "label": "python_install", "parentId": 9}, {"id": 5, "label": "lib", "parentId": 10},
			{"id": 6, "label": "builder", "parentId": 9}, {"id": 11, "label": "python_build_info.json", "parentId": 9}]}`

	outputs, err := cpythonOutputs([]byte(graph), "/x/execroot/_main")

	require.NoError(t, err)
	require.Equal(t, actionOutputs{
		paths:     []string{"/x/execroot/_main/bazel-out/k8-fastbuild/bin/python.log", "/x/execroot/_main/bazel-out/k8-fastbuild/bin/python_install/lib", "/x/execroot/_main/bazel-out/k8-fastbuild/bin/python_build_info.json"},
		log:       "/x/execroot/_main/bazel-out/k8-fastbuild/bin/python.log",
		buildInfo: "/x/execroot/_main/bazel-out/k8-fastbuild/bin/python_build_info.json",
	}, outputs)

	_, err = cpythonOutputs([]byte(`{"actions": []}`), "/x")
	require.ErrorContains(t, err, "no CpythonBuild action")
}
