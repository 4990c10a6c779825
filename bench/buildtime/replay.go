package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rules-cpython/rules_cpython/tools/aquery"
)

// replay is the CPython build of the builder log, as a person would type it: the same
// configure arguments, environment and Modules/Setup.local, against copies of the same
// library trees, without the builder around it.
type replay struct {
	Env        []string // KEY=VALUE
	Configure  []string // arguments after ./configure
	SetupLocal []string
	Root       string            // the scratch folder of the logged build
	Deps       map[string]string // library name -> install tree (execroot-relative)
}

// readReplay reads the environment, the configure command and Setup.local from a builder
// log (the "==== env", "==== configure:" and "==== Modules/Setup.local:" lines).
func readReplay(log string) (replay, error) {
	data, err := os.ReadFile(log)
	if err != nil {
		return replay{}, fmt.Errorf("reading %s: %w", log, err)
	}
	var r replay
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "==== env "):
			words, err := splitShell(strings.TrimPrefix(line, "==== env "))
			if err != nil || len(words) != 1 {
				return replay{}, fmt.Errorf("%s: bad env line %q", log, line)
			}
			r.Env = append(r.Env, words[0])
		case strings.HasPrefix(line, "==== Modules/Setup.local: "):
			r.SetupLocal = append(r.SetupLocal, strings.TrimPrefix(line, "==== Modules/Setup.local: "))
		case strings.HasPrefix(line, "==== configure: ") && r.Configure == nil:
			words, err := splitShell(strings.TrimPrefix(line, "==== configure: "))
			if err != nil || len(words) == 0 || !strings.HasSuffix(words[0], "/src/configure") {
				return replay{}, fmt.Errorf("%s: bad configure line %q", log, line)
			}
			r.Root = strings.TrimSuffix(words[0], "/src/configure")
			r.Configure = words[1:]
		}
	}
	if r.Configure == nil || len(r.Env) == 0 {
		return replay{}, errors.New(log + " has no configure command or no environment (a builder log from before they were logged?)")
	}
	return r, nil
}

// splitShell splits words written by the builder's ShellQuote: plain words and
// single-quoted ones ('\” for a quote).
func splitShell(s string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\'':
			quoted = false
		case quoted:
			word.WriteByte(c)
		case c == '\'':
			quoted, inWord = true, true
		case c == '\\' && i+1 < len(s):
			i++
			word.WriteByte(s[i])
			inWord = true
		case c == ' ':
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote in %q", s)
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}

// depTrees reads the --dep=NAME=TREE arguments of the CPython action from `bazel aquery
// --include_param_files --output=jsonproto`.
func depTrees(aqueryJSON []byte) (map[string]string, error) {
	actions, err := aquery.Parse(aqueryJSON)
	if err != nil {
		return nil, err
	}
	deps := map[string]string{}
	for _, a := range actions {
		if a.Mnemonic != "CpythonBuild" {
			continue
		}
		for _, arg := range a.Arguments {
			if dep, ok := strings.CutPrefix(arg, "--dep="); ok {
				name, tree, _ := strings.Cut(dep, "=")
				deps[name] = tree
			}
		}
	}
	if len(deps) == 0 {
		return nil, errors.New("aquery shows no CpythonBuild action with --dep arguments")
	}
	return deps, nil
}

// actionOutputs are the outputs of the CPython action, as absolute paths, and which of
// them is its log.
type actionOutputs struct {
	paths     []string
	log       string
	buildInfo string
}

// cpythonOutputs reads the outputs of the CPython action from `bazel aquery
// --output=jsonproto`.
func cpythonOutputs(aqueryJSON []byte, execroot string) (actionOutputs, error) {
	actions, err := aquery.Parse(aqueryJSON)
	if err != nil {
		return actionOutputs{}, err
	}
	var out actionOutputs
	for _, a := range actions {
		if a.Mnemonic != "CpythonBuild" {
			continue
		}
		for _, output := range a.Outputs {
			path := filepath.Join(execroot, output)
			out.paths = append(out.paths, path)
			if strings.HasSuffix(path, ".log") {
				out.log = path
			}
			if strings.HasSuffix(path, "_build_info.json") {
				out.buildInfo = path
			}
		}
	}
	if len(out.paths) == 0 || out.log == "" || out.buildInfo == "" {
		return actionOutputs{}, fmt.Errorf("aquery shows no CpythonBuild action with a .log and a _build_info.json output (outputs: %v)", out.paths)
	}
	return out, nil
}

// script is the shell script that sets the replay up in dir (sources unpacked from
// tarball, library trees copied from execroot with their config files pointed at the
// copies, as the builder does), for configure and make to run in dir/src.
func (r replay) script(dir, tarball, execroot string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rm -rf %[1]s && mkdir -p %[1]s/src %[1]s/deps %[1]s/home %[1]s/tmp\n", dir)
	fmt.Fprintf(&b, "tar -xf %s -C %s/src --strip-components=1\n", tarball, dir)
	for name, tree := range r.Deps {
		copy := dir + "/deps/" + name
		fmt.Fprintf(&b, "cp -a %s/%s %s && chmod -R u+w %s\n", execroot, tree, copy, copy)
		fmt.Fprintf(&b, "find %[1]s -type f \\( -name '*.pc' -o -name '*Config.sh' -o -name '*-config' \\) -exec sed -i 's|/install|%[1]s|g' {} +\n", copy)
	}
	if len(r.SetupLocal) > 0 {
		fmt.Fprintf(&b, "printf '%%s\\n' %s > %s/src/Modules/Setup.local\n", quoteAll(r.SetupLocal), dir)
	}
	return b.String()
}

// environment is the logged environment moved to dir, with the machine's PATH instead
// of the builder's folder of tool links.
func (r replay) environment(dir string) []string {
	env := make([]string, 0, len(r.Env))
	for _, kv := range r.Env {
		key, value, _ := strings.Cut(kv, "=")
		switch key {
		case "PATH":
			value = "/usr/bin:/bin"
		case "HOME":
			value = dir + "/home"
		case "TMPDIR":
			value = dir + "/tmp"
		default:
			value = strings.ReplaceAll(value, r.Root, dir)
		}
		env = append(env, key+"="+value)
	}
	return env
}

func (r replay) configureArgs(dir string) []string {
	args := make([]string, len(r.Configure))
	for i, a := range r.Configure {
		args[i] = strings.ReplaceAll(a, r.Root, dir)
	}
	return args
}

func quoteAll(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(quoted, " ")
}
