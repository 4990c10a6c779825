package toolbox

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestShellRunsTheScriptWithOnlyTheGivenEnvironment(t *testing.T) {
	cmd := Shell("/opt/box", []string{"PATH=/usr/bin"}, `cd "$1"`, "/tmp/x")
	require.Equal(t, []string{"chroot", "/opt/box", "/usr/bin/env", "-i", "PATH=/usr/bin", "/bin/sh", "-ec", `cd "$1"`, "sh", "/tmp/x"}, cmd.Args)
}
